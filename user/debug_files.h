/* SPDX-License-Identifier: MIT */
/*
 * Symbols kept apart from a stripped object, as gdb and perf find them:
 * a separate debug file named by the object's GNU build-id under the debug
 * directory (DIR/.build-id/xx/yyyy….debug, Debian's -dbgsym packages), and
 * the object's own .gnu_debugdata section (an xz-compressed ELF holding a
 * .symtab: MiniDebugInfo, as Fedora ships it).
 */
#ifndef SYSO_KAGG_DEBUG_FILES_H
#define SYSO_KAGG_DEBUG_FILES_H

#include <limits.h>
#include <stddef.h>
#include <gelf.h>

#define DEBUG_FILES_DEFAULT_DIR "/usr/lib/debug"

/* --debug-dir DIR[:DIR...] (each a root holding .build-id/, tried in
 * order); NULL restores the default. The string is not copied. */
void debug_files__set_dir(const char *dir);

/*
 * Open the debug file for build-id id[0..len) read-only (its name into
 * path, for messages), or return -1 if
 * there is none or it is not trusted: the file (symlinks followed) must be
 * a regular file owned by root and writable by neither group nor others,
 * and DIR, DIR/.build-id and DIR/.build-id/xx must not be world-writable
 * unless sticky. The first DIR of the list that has the file is used. A refused file is named in one line on stderr. The caller
 * still checks the file's own build-id note (user/symbols.c).
 */
int debug_files__open(const unsigned char *id, size_t len, char path[PATH_MAX]);

struct elf_file;
/* The ELF image of f's .gnu_debugdata, decompressed into a malloc'd
 * buffer (*size bytes), or NULL if there is none or it is not valid xz
 * within the size limits (doc/resources.md; a refusal is warned, named
 * name). The buffer's bytes, *charged, are taken from the object-data
 * budget (user/elf_file.h): the caller releases them, also after NULL. */
void *debug_files__debugdata(struct elf_file *f, const char *name, size_t *size, size_t *charged);

#endif
