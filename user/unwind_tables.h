/* SPDX-License-Identifier: MIT */
/*
 * Unwind tables in the kernel: for each skipped object (libc, --skip-lib),
 * parse its .eh_frame (user/cfi.c), cut the rows into buckets
 * (shared/cfi.h) and load them into the BPF maps before the target runs.
 */
#ifndef SYSO_KAGG_UNWIND_TABLES_H
#define SYSO_KAGG_UNWIND_TABLES_H

#include <stddef.h>
#include <linux/types.h>

struct tracer;
struct cfi_row;

struct obj_key;

/* Load the table of the tool's own file at path (libc, --skip-lib),
 * registered under the (dev, ino) of the file read. Returns the table
 * index (> 0), or -errno with err filled. */
int unwind_tables__load(struct tracer *t, const char *path, char *err, size_t errlen);
/* The same from an open file (not closed; path only names it in err),
 * registered under its fstat (dev, ino) and, if not NULL, under *key too
 * (what the kernel interned). */
int unwind_tables__load_fd(struct tracer *t, int fd, const char *path,
			   const struct obj_key *key, char *err, size_t errlen);

/* Load the vDSO's table from this process's own image (the kernel maps
 * the same one into every 64-bit process) and tell the walker, which then
 * unwinds [vdso] frames like libc's. Returns the index or -errno. */
int unwind_tables__load_vdso(struct tracer *t, char *err, size_t errlen);
/* The same for the kernel's 32-bit vDSO (user/vdso32.c), which compat
 * (i386) processes enter their syscalls through. */
int unwind_tables__load_vdso32(struct tracer *t, char *err, size_t errlen);

/* Index of the last of rows (sorted by start, nr > 0) whose start is <=
 * off, given rows[0].start <= off: the row in effect at off (also the
 * unwinder of deferred walks', user/deferred.c). */
size_t unwind_tables__row_at(const struct cfi_row *rows, size_t nr, __u64 off);

/* Read n consecutive elements (size bytes each) of the array map fd from
 * key first into vals, a batch per syscall, not one per element (a table's
 * tens of thousands of rows, read back by user/deferred.c). 0 or -errno. */
int unwind_tables__read_array(int fd, __u32 first, void *vals, size_t n, size_t size);

/* A table already loaded from a file with the same build-id as fd's,
 * registered under *key too: its index (> 0), or -ENOENT if none. */
int unwind_tables__reuse(struct tracer *t, int fd, const struct obj_key *key);

#endif
