// SPDX-License-Identifier: MIT
/* The -o file: checked before the run, atomic for regular files, direct for the rest. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "exit_codes.h"

/* Symbolic links followed from the name given, as the kernel allows. */
#define OUTPUT_MAX_LINKS 40

static int fail(const struct output *o, const char *what, int err)
{
	fprintf(stderr, "syso-kagg: %s: %s: %s\n", o->path, what, strerror(err));
	return EXIT_CANTCREAT;
}

/* N for "/dev/stdout", "/dev/stderr", "/dev/fd/N", "/proc/self/fd/N" and
 * "/proc/<our pid>/fd/N": a descriptor we were given; else -1. */
static int named_fd(const char *path)
{
	char self[32];
	const char *num = NULL;
	char *end;
	long n;

	if (!strcmp(path, "/dev/stdout"))
		return STDOUT_FILENO;
	if (!strcmp(path, "/dev/stderr"))
		return STDERR_FILENO;
	snprintf(self, sizeof(self), "/proc/%d/fd/", (int)getpid());
	if (!strncmp(path, "/dev/fd/", 8))
		num = path + 8;
	else if (!strncmp(path, "/proc/self/fd/", 14))
		num = path + 14;
	else if (!strncmp(path, self, strlen(self)))
		num = path + strlen(self);
	if (!num || *num < '0' || *num > '9')
		return -1;
	errno = 0;
	n = strtol(num, &end, 10);
	return errno || *end || n > INT_MAX ? -1 : (int)n;
}

/* Write into a descriptor the caller gave us, as it is (its offset, its
 * O_APPEND): a pipe of `>(cmd)`, the shell's stdout. One above stderr
 * becomes close-on-exec, so that the target does not hold the output. */
static int use_named_fd(struct output *o, int n)
{
	int flags = fcntl(n, F_GETFL);

	if (flags < 0)
		return fail(o, "cannot write output", EBADF);
	if ((flags & O_ACCMODE) == O_RDONLY)
		return fail(o, "descriptor not open for writing", EBADF);
	if (n > STDERR_FILENO && fcntl(n, F_SETFD, FD_CLOEXEC))
		return fail(o, "cannot write output", errno);
	o->fd = n;
	o->own_fd = n > STDERR_FILENO;
	return 0;
}

/* fs.protected_symlinks' rule: a link in a sticky world-writable directory
 * is followed only when its owner owns the directory or is the caller (for
 * a root caller exactly what the kernel does when that sysctl is 1). */
static bool link_protected(int dir, const struct stat *link)
{
	struct stat d;

	if (fstat(dir, &d))
		return true;
	if (!(d.st_mode & S_ISVTX) || !(d.st_mode & S_IWOTH))
		return false;
	return link->st_uid != d.st_uid && link->st_uid != getuid();
}

/*
 * Follow path to the entry the output replaces: o->dir_fd (O_PATH) is its
 * directory and o->name its name there, held from now on so that nothing
 * renamed later changes where the output lands. *st is the entry's lstat,
 * st_mode 0 when it does not exist yet. 0 or EXIT_CANTCREAT.
 */
static int resolve(struct output *o, struct stat *st)
{
	char cur[PATH_MAX], dirpart[PATH_MAX];
	int hops;

	if (strlen(o->path) >= sizeof(cur))
		return fail(o, "cannot write output", ENAMETOOLONG);
	strcpy(cur, o->path);
	for (hops = 0; ; hops++) {
		char *slash = strrchr(cur, '/');
		const char *base = slash ? slash + 1 : cur;
		int dir;
		ssize_t n;

		if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
			return fail(o, "cannot write output", EISDIR);
		if (strlen(base) > NAME_MAX)
			return fail(o, "cannot write output", ENAMETOOLONG);
		if (!slash)
			strcpy(dirpart, ".");
		else if (slash == cur)
			strcpy(dirpart, "/");
		else
			snprintf(dirpart, sizeof(dirpart), "%.*s", (int)(slash - cur), cur);
		/* the directories on the way are the kernel's to resolve (and
		 * its fs.protected_symlinks to guard) */
		dir = openat(o->dir_fd >= 0 ? o->dir_fd : AT_FDCWD, dirpart,
			     O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (dir < 0)
			return fail(o, "cannot write output", errno);
		if (o->dir_fd >= 0)
			close(o->dir_fd);
		o->dir_fd = dir;
		snprintf(o->name, sizeof(o->name), "%s", base);
		if (fstatat(dir, base, st, AT_SYMLINK_NOFOLLOW)) {
			if (errno != ENOENT)
				return fail(o, "cannot write output", errno);
			st->st_mode = 0;
			return 0;
		}
		if (!S_ISLNK(st->st_mode))
			return 0;
		if (hops == OUTPUT_MAX_LINKS)
			return fail(o, "cannot write output", ELOOP);
		if (link_protected(dir, st))
			return fail(o, "refusing to follow a symbolic link owned by another user "
				    "in a sticky world-writable directory", EACCES);
		n = readlinkat(dir, base, cur, sizeof(cur) - 1);
		if (n < 0)
			return fail(o, "cannot write output", errno);
		cur[n] = 0;
		/* the next round resolves the link's text relative to dir */
	}
}

/* A temp file next to the destination, O_EXCL (never an existing file or
 * link), mode 0666 less the umask like any new file. */
static int create_temp(struct output *o)
{
	int tries;

	for (tries = 0; tries < 100; tries++) {
		unsigned int r;

		if (getrandom(&r, sizeof(r), 0) != sizeof(r))
			r = (unsigned int)getpid() * 2654435761u + tries;
		snprintf(o->tmp, sizeof(o->tmp), ".syso-kagg.%08x", r);
		o->fd = openat(o->dir_fd, o->tmp,
			       O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (o->fd >= 0) {
			o->own_fd = true;
			return 0;
		}
		if (errno != EEXIST)
			break;
	}
	o->tmp[0] = 0;
	return fail(o, "cannot write output", errno);
}

int output__prepare(struct output *o, const char *path)
{
	size_t len = strlen(path);
	struct stat st;
	int n, err;

	memset(o, 0, sizeof(*o));
	o->path = path;
	o->fd = o->dir_fd = -1;
	if (!strcmp(path, "-")) {
		o->fd = STDOUT_FILENO;
		return 0;
	}
	if ((n = named_fd(path)) >= 0)
		return use_named_fd(o, n);
	/* "dir/" can only name a directory: refused now, not after the run */
	if (len && path[len - 1] == '/')
		return fail(o, "cannot write output", stat(path, &st) ? errno : EISDIR);
	if ((err = resolve(o, &st))) {
		output__abort(o);
		return err;
	}
	if (!st.st_mode || S_ISREG(st.st_mode)) {
		if ((err = create_temp(o)))
			output__abort(o);
		return err;
	}
	if (S_ISDIR(st.st_mode)) {
		output__abort(o);
		return fail(o, "cannot write output", EISDIR);
	}
	/* A device, FIFO or socket: written directly, opened now as strace
	 * does (a FIFO waits here for its reader). */
	o->fd = openat(o->dir_fd, o->name, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	err = errno;
	close(o->dir_fd);
	o->dir_fd = -1;
	if (o->fd < 0)
		return fail(o, "cannot write output", err);
	o->own_fd = true;
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		off += n;
	}
	return 0;
}

int output__commit(struct output *o, const char *data, size_t len)
{
	int err = write_all(o->fd, data, len);

	if (err) {
		output__abort(o);
		return fail(o, "write failed", err);
	}
	if (!o->tmp[0]) {
		/* direct: nothing to rename; a pipe reports EPIPE at write */
		if (o->own_fd && close(o->fd) && errno != EINTR) {
			err = errno;
			o->fd = -1;
			return fail(o, "write failed", err);
		}
		o->fd = -1;
		return 0;
	}
	if (fsync(o->fd) || close(o->fd)) {
		err = errno;
		o->fd = -1;
		output__abort(o);
		return fail(o, "write failed", err);
	}
	o->fd = -1;
	if (renameat(o->dir_fd, o->tmp, o->dir_fd, o->name)) {
		err = errno;
		output__abort(o);
		return fail(o, "cannot rename into place", err);
	}
	o->tmp[0] = 0;
	output__abort(o);	/* closes the directory */
	return 0;
}

void output__abort(struct output *o)
{
	if (o->fd >= 0 && o->own_fd)
		close(o->fd);
	o->fd = -1;
	if (o->tmp[0] && o->dir_fd >= 0)
		unlinkat(o->dir_fd, o->tmp, 0);
	o->tmp[0] = 0;
	if (o->dir_fd >= 0)
		close(o->dir_fd);
	o->dir_fd = -1;
}
