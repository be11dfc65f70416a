/* SPDX-License-Identifier: MIT */
/* Object records written by the kernel (shared/objects.h), read back. */
#ifndef SYSO_KAGG_USER_OBJECTS_H
#define SYSO_KAGG_USER_OBJECTS_H

struct obj_info;

/* The absolute path of an object from its leaf-first components, with
 * "..." in front if the kernel had to truncate it and " (deleted)" after
 * if the file was unlinked. malloc'ed; NULL if out of memory. */
char *objects__path(const struct obj_info *info);

#endif
