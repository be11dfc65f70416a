// SPDX-License-Identifier: MIT
/* Atomic, symlink-safe writing of the -o file. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "exit_codes.h"

static int fail(const struct output *o, const char *what, int err)
{
	fprintf(stderr, "syso-kagg: %s: %s: %s\n", o->path, what, strerror(err));
	return EXIT_CANTCREAT;
}

int output__prepare(struct output *o, const char *path)
{
	char dir[PATH_MAX];
	struct stat st;

	memset(o, 0, sizeof(*o));
	o->path = path;
	o->fd = -1;
	if (!strcmp(path, "-")) {
		o->fd = STDOUT_FILENO;
		return 0;
	}
	if (strlen(path) + 16 >= sizeof(o->tmp))
		return fail(o, "cannot write output", ENAMETOOLONG);
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return fail(o, "refusing to write through a symbolic link", ELOOP);
		if (!S_ISREG(st.st_mode))
			return fail(o, "cannot write output", S_ISDIR(st.st_mode) ? EISDIR : EINVAL);
	} else if (errno != ENOENT) {
		return fail(o, "cannot write output", errno);
	}
	strcpy(dir, path);
	snprintf(o->tmp, sizeof(o->tmp), "%s/.syso-kagg.XXXXXX", dirname(dir));
	/* mkostemp uses O_CREAT|O_EXCL: it never opens an existing file or link */
	o->fd = mkostemp(o->tmp, O_CLOEXEC);
	if (o->fd < 0)
		return fail(o, "cannot write output", errno);
	fchmod(o->fd, 0644);
	return 0;
}

int output__commit(struct output *o, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(o->fd, data + off, len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			int err = errno;

			output__abort(o);
			return fail(o, "write failed", err);
		}
		off += n;
	}
	if (o->fd == STDOUT_FILENO)
		return 0;
	if (fsync(o->fd) || close(o->fd)) {
		int err = errno;

		o->fd = -1;
		output__abort(o);
		return fail(o, "write failed", err);
	}
	o->fd = -1;
	if (rename(o->tmp, o->path)) {
		int err = errno;

		output__abort(o);
		return fail(o, "cannot rename into place", err);
	}
	o->tmp[0] = 0;
	return 0;
}

void output__abort(struct output *o)
{
	if (o->fd >= 0 && o->fd != STDOUT_FILENO)
		close(o->fd);
	o->fd = -1;
	if (o->tmp[0])
		unlink(o->tmp);
	o->tmp[0] = 0;
}
