// SPDX-License-Identifier: MIT
/* Target launch: PATH lookup, a child held before exec, exec error report. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdbool.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "launch.h"
#include "object_files.h"
#include "exit_codes.h"

extern char **environ;

static int check_file(const char *path, int *err)
{
	struct stat st;

	if (stat(path, &st)) {
		*err = errno;
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		*err = EISDIR;
		return -1;
	}
	if (!S_ISREG(st.st_mode) || access(path, X_OK)) {
		*err = EACCES;
		return -1;
	}
	return 0;
}

/* Find name like execvp(3): a name with '/' as is, else each PATH element
 * in turn, an inaccessible candidate skipped (EACCES reported only if
 * nothing else is found). 0, or the exit status after printing one line. */
static int resolve(char *out, size_t len, const char *name)
{
	const char *path_env, *p;
	int err = ENOENT, first_eacces = 0;

	if (strchr(name, '/')) {
		if (strlen(name) >= len) {
			fprintf(stderr, "syso-kagg: %s: %s\n", name, strerror(ENAMETOOLONG));
			return EXIT_NOTFOUND;
		}
		strcpy(out, name);
		if (check_file(out, &err) == 0)
			return 0;
		fprintf(stderr, "syso-kagg: %s: %s\n", name, strerror(err));
		return err == ENOENT || err == ENOTDIR ? EXIT_NOTFOUND : EXIT_NOEXEC;
	}
	path_env = getenv("PATH");
	if (!path_env || !*path_env)
		path_env = "/usr/local/bin:/usr/bin:/bin";
	for (p = path_env; ; ) {
		const char *colon = strchr(p, ':');
		size_t dlen = colon ? (size_t)(colon - p) : strlen(p);

		/* an empty PATH element means the current directory */
		if (dlen + 1 + strlen(name) < len) {
			snprintf(out, len, "%.*s%s%s", (int)dlen,
				 dlen ? p : ".", dlen ? "/" : "/", name);
			if (check_file(out, &err) == 0)
				return 0;
			if (err == EACCES && !first_eacces)
				first_eacces = 1;
		}
		if (!colon)
			break;
		p = colon + 1;
	}
	if (first_eacces) {
		fprintf(stderr, "syso-kagg: %s: %s\n", name, strerror(EACCES));
		return EXIT_NOEXEC;
	}
	fprintf(stderr, "syso-kagg: %s: command not found\n", name);
	return EXIT_NOTFOUND;
}

int launch__resolve(struct launch *l, const char *name)
{
	memset(l, 0, sizeof(*l));
	l->go_fd = l->err_fd = -1;
	l->name = name;
	return resolve(l->path, sizeof(l->path), name);
}

/* All digits: a number that fits uid_t/gid_t. */
static bool parse_id(const char *s, size_t n, unsigned int *out)
{
	unsigned long long v = 0;
	size_t i;

	if (!n || n > 10)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	if (v >= 0xffffffffull)		/* (uid_t)-1 means "unchanged" */
		return false;
	*out = v;
	return true;
}

int launch__set_user(struct launch *l, const char *user)
{
	const char *colon = strchr(user, ':');
	unsigned int uid, gid;
	struct passwd *pw;

	errno = 0;
	if (colon) {
		/* UID:GID, numbers: the passwd entry of UID, if any, gives the
		 * environment and the supplementary groups */
		if (!parse_id(user, colon - user, &uid) ||
		    !parse_id(colon + 1, strlen(colon + 1), &gid)) {
			fprintf(stderr, "syso-kagg: -u %s: expected USER, UID or UID:GID\n", user);
			return EXIT_USAGE;
		}
		pw = getpwuid(uid);
	} else {
		pw = getpwnam(user);
		if (!pw && parse_id(user, strlen(user), &uid)) {
			errno = 0;
			pw = getpwuid(uid);
		}
		if (!pw) {
			fprintf(stderr, "syso-kagg: -u %s: %s\n", user,
				errno ? strerror(errno) : "no such user");
			return EXIT_USAGE;
		}
		gid = pw->pw_gid;
	}
	l->user = user;
	l->uid = colon ? uid : pw->pw_uid;
	l->gid = gid;
	l->login[0] = l->home[0] = 0;
	if (pw && (strlen(pw->pw_name) >= sizeof(l->login) ||
		   strlen(pw->pw_dir) >= sizeof(l->home))) {
		fprintf(stderr, "syso-kagg: -u %s: passwd entry too long\n", user);
		return EXIT_USAGE;
	}
	if (pw) {
		strcpy(l->login, pw->pw_name);
		strcpy(l->home, pw->pw_dir);
	}
	return 0;
}

/*
 * In the child: become l->user, with the environment runuser -u sets
 * (util-linux su-common.c, non-login): HOME from passwd, USER and LOGNAME
 * too unless the user is root; SHELL and PATH kept. A UID:GID without a
 * passwd entry gets no supplementary groups and HOME, USER, LOGNAME unset.
 * Returns 0 or errno.
 */
static int become_user(const struct launch *l)
{
	gid_t gid = l->gid;

	if (l->login[0] ? initgroups(l->login, l->gid) : setgroups(1, &gid))
		return errno;
	if (setgid(l->gid) || setuid(l->uid))
		return errno;
	if (!l->login[0]) {
		unsetenv("HOME");
		unsetenv("USER");
		unsetenv("LOGNAME");
		return 0;
	}
	if (setenv("HOME", l->home, 1))
		return errno;
	if (l->uid && (setenv("USER", l->login, 1) || setenv("LOGNAME", l->login, 1)))
		return errno;
	return 0;
}

int launch__spawn(struct launch *l, char **argv, const sigset_t *orig_mask)
{
	int go[2], errp[2];

	if (pipe2(go, O_CLOEXEC) || pipe2(errp, O_CLOEXEC))
		return -errno;
	l->pid = fork();
	if (l->pid < 0)
		return -errno;
	if (l->pid == 0) {
		char c;
		int e;

		close(go[1]);
		close(errp[0]);
		sigprocmask(SIG_SETMASK, orig_mask, NULL);
		signal(SIGPIPE, SIG_DFL);	/* ignored by syso-kagg, not by the target */
		object_files__restore_nofile();	/* raised for syso-kagg only */
		/* Held here until the tracer registered us; EOF means it died. */
		if (read(go[0], &c, 1) != 1)
			_exit(EXIT_SOFTWARE);
		e = l->user ? become_user(l) : 0;
		if (e) {
			e |= LAUNCH_USER_FAILED;
		} else if (l->user && (e = resolve(l->path, sizeof(l->path), l->name))) {
			/* PATH searched again with the user's permissions, as
			 * runuser's execvp does; resolve() said why it failed */
			e |= LAUNCH_REPORTED;
		} else {
			execve(l->path, argv, environ);
			e = errno;
		}
		if (write(errp[1], &e, sizeof(e)) < 0)
			_exit(EXIT_SOFTWARE);
		_exit(e & LAUNCH_REPORTED ? e & 0xff : e & LAUNCH_USER_FAILED ? EXIT_SOFTWARE :
		      e == ENOENT ? EXIT_NOTFOUND : EXIT_NOEXEC);
	}
	close(go[0]);
	close(errp[1]);
	l->go_fd = go[1];
	l->err_fd = errp[0];
	return 0;
}

int launch__go(struct launch *l)
{
	ssize_t n;
	int e = 0;

	if (write(l->go_fd, "g", 1) != 1)
		return errno;
	close(l->go_fd);
	l->go_fd = -1;
	do
		n = read(l->err_fd, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(l->err_fd);
	l->err_fd = -1;
	return n == sizeof(e) ? e : 0;
}
