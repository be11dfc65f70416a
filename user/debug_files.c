// SPDX-License-Identifier: MIT
/* Separate debug info: the build-id debug file and .gnu_debugdata. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "debug_files.h"
#include "elf_file.h"

/* .gnu_debugdata: the largest compressed section read, the largest image
 * it may unpack to, and the decoder's memory limit. A system library's
 * MiniDebugInfo is tens of KiB; an object's content is the traced
 * program's to choose, so none of these follows from it. */
#define DEBUGDATA_MAX_IN	(16u << 20)
#define DEBUGDATA_MAX_OUT	(32u << 20)
#define DEBUGDATA_MEMLIMIT	(64u << 20)

static const char *debug_dir = DEBUG_FILES_DEFAULT_DIR;

void debug_files__set_dir(const char *dir)
{
	debug_dir = dir ? dir : DEBUG_FILES_DEFAULT_DIR;
}

static void refuse(const char *path, const char *why)
{
	fprintf(stderr, "syso-kagg: warning: not using debug file %s: %s\n", path, why);
}

/* A directory others cannot swap entries of: not world-writable, or
 * sticky (like /tmp). Takes fd; returns it, or -1 after closing it. */
static int trusted_dir(int fd, const char *path, const char *file)
{
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISDIR(st.st_mode)) {
		close(fd);
		return -1;
	}
	if ((st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX)) {
		char why[PATH_MAX + 64];

		snprintf(why, sizeof(why), "%s is world-writable and not sticky", path);
		refuse(file, why);
		close(fd);
		return -1;
	}
	return fd;
}

/* Root's regular file, which no one else may write. */
static int trusted_file(int fd, const char *path)
{
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		refuse(path, "not a regular file");
	else if (st.st_uid != 0)
		refuse(path, "not owned by root");
	else if (st.st_mode & (S_IWGRP | S_IWOTH))
		refuse(path, "writable by group or others");
	else
		return fd;
	close(fd);
	return -1;
}

/* openat(dir, name) as a trusted directory (shown as shown in a warning
 * about file); dir is closed unless it is AT_FDCWD. */
static int enter_dir(int dir, const char *name, const char *shown, const char *file)
{
	int fd = dir == -1 ? -1 : openat(dir, name, O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (dir >= 0)
		close(dir);
	return trusted_dir(fd, shown, file);
}

/* root/.build-id/sub/name, each directory checked before the next is
 * opened, then the file. */
static int open_under(const char *root, const char *sub, const char *name, char path[PATH_MAX])
{
	char shown[PATH_MAX + 16];	/* path fits: so does shown */
	int dir, fd;

	if (snprintf(path, PATH_MAX, "%s/.build-id/%s/%s", root, sub, name) >= PATH_MAX)
		return -1;
	dir = enter_dir(AT_FDCWD, root, root, path);
	snprintf(shown, sizeof(shown), "%s/.build-id", root);
	dir = enter_dir(dir, ".build-id", shown, path);
	snprintf(shown, sizeof(shown), "%s/.build-id/%s", root, sub);
	dir = enter_dir(dir, sub, shown, path);
	if (dir < 0)
		return -1;
	/* non-blocking: a FIFO planted there must not hang the report */
	fd = openat(dir, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	close(dir);
	return trusted_file(fd, path);
}

int debug_files__open(const unsigned char *id, size_t len, char path[PATH_MAX])
{
	char sub[3], name[2 * 255 + 8], root[PATH_MAX];
	const char *p = debug_dir, *end;
	int fd = -1;
	size_t i;

	if (len < 2 || len > 255)
		return -1;
	snprintf(sub, sizeof(sub), "%02x", id[0]);
	for (i = 1; i < len; i++)
		sprintf(name + 2 * (i - 1), "%02x", id[i]);
	strcpy(name + 2 * (len - 1), ".debug");
	/* DIR[:DIR...], the first that has the file wins (as gdb's
	 * debug-file-directory) */
	for (; fd < 0 && *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ':');
		if (end == p || (size_t)(end - p) >= sizeof(root))
			continue;
		memcpy(root, p, end - p);
		root[end - p] = 0;
		fd = open_under(root, sub, name, path);
	}
	return fd;
}

static Elf_Scn *section_named(struct elf_file *f, const char *want)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(f->elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_PROGBITS &&
		    (name = elf_file__section_name(f, &sh)) && !strcmp(name, want))
			return scn;
	}
	return NULL;
}

/* Grow buf (*cap bytes, charged to the object-data budget) for the
 * decoder: 0, or -1 with a warning that names the image. */
static int grow(char **buf, size_t *cap, const char *name)
{
	size_t more = *cap ? *cap : 64u << 10;
	char *b;

	if (*cap >= DEBUGDATA_MAX_OUT) {
		elf_file__refuse(name, -1, "decompresses to more than %u bytes: not read",
				 DEBUGDATA_MAX_OUT);
		return -1;
	}
	if (elf_file__charge(more)) {
		elf_file__refuse(name, -1, "decompressed past %zu bytes: over "
				 "--max-object-memory: not read", *cap);
		return -1;
	}
	if (!(b = realloc(*buf, *cap + more))) {
		elf_file__release(more);
		return -1;
	}
	*buf = b;
	*cap += more;
	return 0;
}

/* xz data of in_size bytes, decoded whole into a growing buffer of *cap
 * bytes (charged; released by the caller, also on failure). */
static void *unxz(const void *in, size_t in_size, size_t *size, size_t *cap, const char *name)
{
	lzma_stream strm = LZMA_STREAM_INIT;
	lzma_ret ret = LZMA_MEM_ERROR;
	char *buf = NULL;

	*cap = 0;
	if (lzma_stream_decoder(&strm, DEBUGDATA_MEMLIMIT, 0) != LZMA_OK)
		return NULL;
	strm.next_in = in;
	strm.avail_in = in_size;
	do {
		if (!strm.avail_out) {
			if (grow(&buf, cap, name))
				break;
			strm.next_out = (uint8_t *)buf + strm.total_out;
			strm.avail_out = *cap - strm.total_out;
		}
		ret = lzma_code(&strm, LZMA_FINISH);
	} while (ret == LZMA_OK);
	lzma_end(&strm);
	/* not the whole stream: bad data, the size limit, or no memory */
	if (ret != LZMA_STREAM_END) {
		free(buf);
		return NULL;
	}
	*size = strm.total_out;
	return buf;
}

void *debug_files__debugdata(struct elf_file *f, const char *name, size_t *size, size_t *charged)
{
	Elf_Scn *scn = section_named(f, ".gnu_debugdata");
	Elf_Data *d;

	*charged = 0;
	/* the section header's size is the object's claim: bounded before
	 * libelf allocates and reads that much */
	if (!scn || !(d = elf_file__data(f, scn, DEBUGDATA_MAX_IN, ".gnu_debugdata")) ||
	    !d->d_size)
		return NULL;
	return unxz(d->d_buf, d->d_size, size, charged, name);
}
