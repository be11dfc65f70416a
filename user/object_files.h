/* SPDX-License-Identifier: MIT */
/*
 * The files of the traced objects, held open by object id. Each is opened
 * through the kernel's handle of a live mapping, /proc/TGID/map_files/
 * START-END, when the kernel reports it (shared/objects.h struct
 * obj_event), and kept only if it is the regular file with the (dev, ino)
 * the kernel interned. No object is ever opened by its path name: the
 * target controls paths (a FIFO, a symlink, a replaced file, another mount
 * namespace). An object whose processes were all gone before it could be
 * opened is "not available": no symbols, no build-id, never a guess.
 */
#ifndef SYSO_KAGG_OBJECT_FILES_H
#define SYSO_KAGG_OBJECT_FILES_H

#include <stdbool.h>
#include <linux/types.h>
#include <sys/stat.h>

struct obj_event;
struct symbols;
struct object_files;

/* Raise the soft RLIMIT_NOFILE to the hard one for the descriptors held
 * here; object_files__restore_nofile() gives a launched target the
 * original limit back (called in the child, before exec). */
void object_files__raise_nofile(void);
void object_files__restore_nofile(void);

/* A table for object ids below nr_ids. NULL if out of memory. */
struct object_files *object_files__new(__u32 nr_ids);
void object_files__free(struct object_files *of);

/* Outcome of object_files__adopt. */
enum adopt_result {
	ADOPT_OK,		/* held (now or already) */
	ADOPT_GONE,		/* no live mapping of that file: ask again later */
	ADOPT_REFUSED,		/* never to be held: out of descriptors, or a
				 * file that is not a regular one */
};

/* Open the object of ev through the process's mapping and keep it. */
enum adopt_result object_files__adopt(struct object_files *of, const struct obj_event *ev);

/* The descriptor held for id, or -1 if the object is not available. */
int object_files__fd(const struct object_files *of, __u32 id);
/* Hold fd (ours from now on, unless -1 is returned) as the file st (its
 * fstat) is: an object of its (dev, ino) is adopted from it, however
 * short-lived its process. For files opened before the target runs. */
int object_files__hold(struct object_files *of, int fd, const struct stat *st);
/* 1 if the file held for id has no link left (deleted), 0 if it has,
 * -1 if not available. */
int object_files__deleted(const struct object_files *of, __u32 id);
/* Symbols and build-id of id, read once from its descriptor; NULL if not
 * available or not ELF. Owned by of. */
struct symbols *object_files__symbols(struct object_files *of, __u32 id);
/* The object of id is gone (user/reclaim.c): its descriptor closed and
 * its symbols freed; the id may name another file from now on. */
void object_files__forget(struct object_files *of, __u32 id);
/* Whether the process id's file was opened through still maps a file of
 * (dev, ino), from the numeric fields of its /proc/TGID/maps. A mirror
 * names only the ranges its walks have met, so an object no mirror names
 * may still be mapped (mapped, not yet called): its descriptor is kept.
 * Each process's maps are read once until object_files__maps_changed(). */
bool object_files__still_mapped(struct object_files *of, __u32 id, __u64 dev, __u64 ino);
void object_files__maps_changed(struct object_files *of);
/* Objects refused for want of descriptors (counted, warned). */
__u32 object_files__refused(const struct object_files *of);

#endif
