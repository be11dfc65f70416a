/* SPDX-License-Identifier: MIT */
/*
 * Launching the target: resolve PROGRAM like a shell, fork a child that
 * waits on a pipe until the tracer has registered it, then exec. The
 * child's exec error, if any, comes back on a close-on-exec pipe.
 */
#ifndef SYSO_KAGG_LAUNCH_H
#define SYSO_KAGG_LAUNCH_H

#include <limits.h>
#include <signal.h>
#include <sys/types.h>

struct launch {
	pid_t pid;
	const char *name;	/* PROGRAM as given */
	const char *user;	/* -u: run as this user, or NULL */
	uid_t uid;
	gid_t gid;
	char login[256];	/* -u: passwd name and home, "" if none */
	char home[PATH_MAX];
	int go_fd;		/* write end: one byte lets the child exec */
	int err_fd;		/* read end: errno of a failed exec, or EOF */
	char path[PATH_MAX];
};

/* Resolve name via PATH into l->path. Returns 0, or EXIT_NOTFOUND /
 * EXIT_NOEXEC after printing one line. */
int launch__resolve(struct launch *l, const char *name);

/* -u USER, UID or UID:GID: look the user up now (one line and EXIT_USAGE
 * if unknown); the child takes its uid, gid, groups and runuser's
 * environment (HOME, USER, LOGNAME) just before exec, and searches PATH
 * again with the user's permissions. */
int launch__set_user(struct launch *l, const char *user);

/* Fork the child, blocked before exec. The child restores orig_mask. */
int launch__spawn(struct launch *l, char **argv, const sigset_t *orig_mask);

/* Set in launch__go's result when the child could not become -u USER. */
#define LAUNCH_USER_FAILED 0x10000
/* Set when the child already printed why it could not start PROGRAM as
 * the user; the low byte is the exit status. */
#define LAUNCH_REPORTED 0x20000

/* Let the child exec. Returns 0 once exec succeeded, else the errno
 * (| LAUNCH_USER_FAILED if switching user failed). */
int launch__go(struct launch *l);

#endif
