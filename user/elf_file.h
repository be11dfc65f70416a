/* SPDX-License-Identifier: MIT */
/*
 * Budgets for what is read from an object file. A traced program chooses
 * its files, so every size, count and offset in them is its to forge: a
 * 16 KiB sparse file may declare a section of 2 GiB. Every libelf handle
 * on an object (or a debug file, or a decompressed .gnu_debugdata image)
 * is opened here, after the header's counts are checked, and every section
 * is read through elf_file__data(), after its declared size is checked
 * against the file's size and a cap: libelf then never allocates for a
 * claim. What the readers keep (symbol tables, the .eh_frame parser's
 * arrays, decompressed images) is charged to one memory budget per run
 * (--max-object-memory). A refusal is counted and named on stderr; the
 * object is then used as one without those tables. doc/resources.md lists
 * the caps.
 */
#ifndef SYSO_KAGG_ELF_FILE_H
#define SYSO_KAGG_ELF_FILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <gelf.h>
#include <linux/types.h>

/* Section headers, and program headers, of one file (libelf allocates
 * a few hundred bytes for each; real objects have tens). */
#define ELF_MAX_HEADERS		4096
/* One section read whole: .eh_frame, .symtab, .dynsym, their string
 * tables (a large C++ library's are a few MiB). */
#define ELF_MAX_SECTION		(64u << 20)
/* Note sections (a build-id is 36 bytes) and section names. */
#define ELF_MAX_SMALL_SECTION	(1u << 20)
/* Default of --max-object-memory: all object data held at once. */
#define ELF_DEFAULT_MEMORY	(256ull << 20)
/* The smallest budget --max-object-memory accepts: Debian 12's libc
 * table and symbols need 3.7 MB at their peak. */
#define ELF_MIN_MEMORY		(4ull << 20)

struct elf_file {
	Elf *elf;
	int fd;			/* -1: an image in memory */
	__u64 size;		/* bytes of the file or image */
	size_t charged;		/* bytes charged to the budget for this handle */
	const char *name;	/* for warnings; NULL: the descriptor's link */
	Elf_Data *names;	/* section names, read on first use */
	bool names_read;
};

/* Open fd (held by the caller) as ELF. 0, or -1 if it is not ELF, or
 * -E2BIG/-ENOMEM after a warning that names it (name, else the file the
 * descriptor leads to). */
int elf_file__open(struct elf_file *f, int fd, const char *name);
/* The same for an ELF image in memory (not copied; kept by the caller). */
int elf_file__open_memory(struct elf_file *f, const void *image, size_t size, const char *name);
void elf_file__close(struct elf_file *f);

/* The data of section scn if its declared size fits the file and cap and
 * the run's budget (what is read is charged until elf_file__close), else
 * NULL; NULL also for SHT_NOBITS and unreadable sections. what names the
 * section in the warning of a refusal. */
Elf_Data *elf_file__data(struct elf_file *f, Elf_Scn *scn, size_t cap, const char *what);
/* The NUL-terminated string at off in string table d, or NULL. */
const char *elf_file__str(const Elf_Data *d, size_t off);
/* The name of section header sh, or NULL (no libelf elf_strptr: it reads
 * a string table whole, whatever its size). */
const char *elf_file__section_name(struct elf_file *f, const GElf_Shdr *sh);

/* --- the run's budget ------------------------------------------------------ */

/* The budget of all object data held at once, in bytes. */
void elf_file__set_budget(__u64 bytes);
/* Take n bytes from the budget: 0, or -1 (nothing taken) if they do not
 * fit. */
int elf_file__charge(size_t n);
void elf_file__release(size_t n);
/* Count a refusal and name it on stderr: "syso-kagg: warning: NAME: WHY"
 * (NAME as in elf_file__open). fd may be -1 when name is given. */
/* The file descriptor fd leads to (its /proc link) in buf, or "?". */
const char *elf_file__fd_name(int fd, char buf[PATH_MAX]);
void elf_file__refuse(const char *name, int fd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Count a refusal its reader names in a warning of its own. */
void elf_file__count_refusal(void);

struct elf_file_stats {
	__u64 budget;		/* --max-object-memory */
	__u64 used;		/* held now */
	__u64 peak;		/* most held at once */
	__u64 refused;		/* reads refused or cut (each warned) */
};
void elf_file__stats(struct elf_file_stats *s);

#endif
