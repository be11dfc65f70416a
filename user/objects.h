/* SPDX-License-Identifier: MIT */
/* Object records written by the kernel (shared/objects.h), read back. */
#ifndef SYSO_KAGG_USER_OBJECTS_H
#define SYSO_KAGG_USER_OBJECTS_H

struct obj_info;

/* The absolute path of an object from its leaf-first components, with
 * "..." in front if the kernel had to truncate it and " (deleted)" after
 * if the file has no link left: deleted is 1 or 0 as known now (fstat of
 * the file held), or -1 to use what the kernel saw when it interned it.
 * A pseudo file (memfd) is "/NAME (deleted)", as /proc shows it.
 * malloc'ed; NULL if out of memory. */
char *objects__path(const struct obj_info *info, int deleted);

#endif
