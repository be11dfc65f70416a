// SPDX-License-Identifier: MIT
/* Target launch: PATH lookup, a child held before exec, exec error report. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "launch.h"
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

int launch__resolve(struct launch *l, const char *name)
{
	const char *path_env, *p;
	int err = ENOENT, first_eacces = 0;

	memset(l, 0, sizeof(*l));
	l->go_fd = l->err_fd = -1;
	if (strchr(name, '/')) {
		if (strlen(name) >= sizeof(l->path)) {
			fprintf(stderr, "syso-kagg: %s: %s\n", name, strerror(ENAMETOOLONG));
			return EXIT_NOTFOUND;
		}
		strcpy(l->path, name);
		if (check_file(l->path, &err) == 0)
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
		if (dlen + 1 + strlen(name) < sizeof(l->path)) {
			snprintf(l->path, sizeof(l->path), "%.*s%s%s", (int)dlen,
				 dlen ? p : ".", dlen ? "/" : "/", name);
			if (check_file(l->path, &err) == 0)
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

int launch__set_user(struct launch *l, const char *user)
{
	struct passwd *pw;

	errno = 0;
	pw = getpwnam(user);
	if (!pw) {
		fprintf(stderr, "syso-kagg: -u %s: %s\n", user,
			errno ? strerror(errno) : "no such user");
		return EXIT_USAGE;
	}
	l->user = user;
	l->uid = pw->pw_uid;
	l->gid = pw->pw_gid;
	return 0;
}

/* In the child: become l->user. Returns 0 or errno. */
static int become_user(const struct launch *l)
{
	if (initgroups(l->user, l->gid) || setgid(l->gid) || setuid(l->uid))
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
		/* Held here until the tracer registered us; EOF means it died. */
		if (read(go[0], &c, 1) != 1)
			_exit(EXIT_SOFTWARE);
		e = l->user ? become_user(l) : 0;
		if (e) {
			e |= LAUNCH_USER_FAILED;
		} else {
			execve(l->path, argv, environ);
			e = errno;
		}
		if (write(errp[1], &e, sizeof(e)) < 0)
			_exit(EXIT_SOFTWARE);
		_exit(e & LAUNCH_USER_FAILED ? EXIT_SOFTWARE :
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
