// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for user/objects.c: an object's name from the path the
 * kernel recorded, which the traced program chose (any bytes: control
 * characters, bytes that are not UTF-8, no NUL at all). The input's first
 * byte picks the flags and the deleted state, the rest is path[]. The name
 * must be a NUL-terminated string no longer than the path can make it,
 * ending in " (deleted)" when the file is known deleted or is pseudo. Escaping is the outputs' concern; this target keeps names
 * safe to hand to them. Run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shared/objects.h"
#include "objects.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct obj_info info = {};
	const char *suffix = " (deleted)";
	int deleted;
	size_t n, sl = strlen(suffix);
	char *name;

	if (!size)
		return 0;
	info.flags = OBJ_F_VALID;
	if (data[0] & 1)
		info.flags |= OBJ_F_PATH_TRUNCATED;
	if (data[0] & 2)
		info.flags |= OBJ_F_DELETED;
	if (data[0] & 4)
		info.flags |= OBJ_F_PSEUDO;
	deleted = (data[0] >> 3) % 3 - 1;	/* -1, 0 or 1 */
	n = size - 1 < OBJ_PATH_BYTES ? size - 1 : OBJ_PATH_BYTES;
	memcpy(info.path, data + 1, n);
	/* path_len may claim more than was written, as a corrupt record could */
	info.path_len = data[0] & 0x80 ? OBJ_PATH_BYTES + 7 : n;
	name = objects__path(&info, deleted);
	if (!name)
		abort();
	n = strlen(name);
	if (n > 2 * OBJ_PATH_BYTES + sl + 8)
		abort();
	/* (the path itself may end in the suffix: only its absence is wrong) */
	if ((deleted == 1 || (deleted == -1 && (info.flags & OBJ_F_DELETED)) ||
	     (info.flags & OBJ_F_PSEUDO)) && (n < sl || strcmp(name + n - sl, suffix)))
		abort();
	free(name);
	return 0;
}
