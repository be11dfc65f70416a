/* SPDX-License-Identifier: MIT */
/*
 * The -o file, written atomically: a temp file is created next to it when
 * the run starts (so a bad path fails before the target runs), filled at
 * exit, and renamed over the destination. Never follows a symlink.
 */
#ifndef SYSO_KAGG_OUTPUT_H
#define SYSO_KAGG_OUTPUT_H

#include <limits.h>

struct output {
	const char *path;	/* as given; "-" = stdout */
	char tmp[PATH_MAX];
	int fd;
};

/* 0, or EXIT_CANTCREAT after printing one line. */
int output__prepare(struct output *o, const char *path);
/* Write data and rename into place; 0 or EXIT_CANTCREAT. */
int output__commit(struct output *o, const char *data, size_t len);
/* Remove the temp file (run failed). */
void output__abort(struct output *o);

#endif
