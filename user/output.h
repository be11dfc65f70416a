/* SPDX-License-Identifier: MIT */
/*
 * The -o file. Checked and opened before the target runs, so that a bad
 * path fails before anything is traced. A regular file (new or existing)
 * is written atomically: a temp file in the destination's directory,
 * created with the caller's umask, filled at exit and renamed over it.
 * Anything else that can be written (a character device, a FIFO, "-",
 * /dev/stdout, /dev/fd/N, a process substitution) is written directly.
 * A symbolic link is followed, except where fs.protected_symlinks would
 * refuse it: in a sticky world-writable directory, owned by neither the
 * directory's owner nor the caller. Every descriptor is close-on-exec.
 */
#ifndef SYSO_KAGG_OUTPUT_H
#define SYSO_KAGG_OUTPUT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct output {
	const char *path;	/* as given; "-" = stdout */
	int fd;			/* where the data goes; -1 = none */
	bool own_fd;		/* fd is ours to close (not "-") */
	int dir_fd;		/* atomic: the destination's directory, else -1 */
	char name[NAME_MAX + 1];	/* atomic: the destination's name in dir_fd */
	char tmp[NAME_MAX + 1];		/* atomic: the temp file's name, "" when gone */
};

/* 0, or EXIT_CANTCREAT after printing one line. */
int output__prepare(struct output *o, const char *path);
/* Write data (and rename into place); 0 or EXIT_CANTCREAT. */
int output__commit(struct output *o, const char *data, size_t len);
/* Remove the temp file and close everything (run failed). */
void output__abort(struct output *o);

#endif
