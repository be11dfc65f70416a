/* SPDX-License-Identifier: MIT */
/*
 * Symbols of an object file for --sites: .symtab (or .dynsym) through
 * libelf, looked up by file offset (what the kernel records), and the
 * object's GNU build-id so results can be symbolised elsewhere. An offset
 * those do not name is looked up in the object's separate debug info
 * (user/debug_files.h): the debug file of its build-id, else its
 * .gnu_debugdata.
 */
#ifndef SYSO_KAGG_SYMBOLS_H
#define SYSO_KAGG_SYMBOLS_H

#include <stddef.h>
#include <linux/types.h>

struct symbols;

/* From an open file (not closed, its offset not used: the caller holds
 * it, user/object_files.c, and keeps it open until symbols__close: the
 * separate debug info is read on the first lookup that needs it). NULL if
 * the file cannot be read as ELF (the caller shows raw offsets). */
struct symbols *symbols__open_fd(int fd);
/* Only the 20-byte GNU build-id of an open ELF file and the file offset
 * of its note's header (cheap: the note sections). 0, or -1 if none. */
int symbols__build_id_note(int fd, __u64 *note_off, unsigned char id[20]);
/* The function containing file offset off: its name and off's distance
 * from its start; NULL if none. */
const char *symbols__lookup(struct symbols *s, __u64 off, __u64 *delta);
/* The same for a return address's file offset ret (a call site as the
 * kernel records it): the call is the instruction before it, which is
 * what is looked up (a call that ends a function returns past it);
 * *delta is ret's distance from the function's start. NULL for ret 0. */
const char *symbols__lookup_return(struct symbols *s, __u64 ret, __u64 *delta);
/* Hex build-id, or "" if the object has none. */
const char *symbols__build_id(const struct symbols *s);
void symbols__close(struct symbols *s);

#endif
