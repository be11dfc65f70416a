// SPDX-License-Identifier: MIT
/* Object records written by the kernel (shared/objects.h), read back. */
#include <stdlib.h>
#include <string.h>

#include "shared/objects.h"
#include "objects.h"

static size_t append(char *s, size_t at, const char *part, size_t part_len)
{
	memcpy(s + at, part, part_len);
	return at + part_len;
}

/* "/a/b/c" from the leaf-first, NUL-separated components of obj_info. */
char *objects__path(const struct obj_info *info, int deleted)
{
	const char *comp[OBJ_PATH_DEPTH + 1];
	size_t comp_len[OBJ_PATH_DEPTH + 1];
	size_t n = 0, len = 0, off = 0, at = 0, i;
	__u32 used = info->path_len < OBJ_PATH_BYTES ? info->path_len : OBJ_PATH_BYTES;
	char *s;

	while (off < used && n < OBJ_PATH_DEPTH) {
		const char *c = info->path + off;
		size_t l = strnlen(c, used - off);

		/* the last component may fill path[] with no NUL after it */
		comp_len[n] = l;
		comp[n++] = c;
		len += l + 1;
		off += l + 1;
	}
	len += sizeof(" (deleted)") + sizeof("...");
	s = malloc(len + 2);
	if (!s)
		return NULL;
	if (info->flags & OBJ_F_PATH_TRUNCATED)
		at = append(s, at, "...", 3);
	for (i = n; i-- > 0; ) {
		at = append(s, at, "/", 1);
		at = append(s, at, comp[i], comp_len[i]);
	}
	if (!n)
		at = append(s, at, "/", 1);
	s[at] = 0;
	if (deleted < 0)
		deleted = !!(info->flags & OBJ_F_DELETED);
	/* as the kernel names a pseudo file (simple_dname): always deleted */
	if (deleted || (info->flags & OBJ_F_PSEUDO))
		strcat(s, " (deleted)");
	return s;
}
