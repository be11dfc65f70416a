// SPDX-License-Identifier: MIT
/* cgroup v2 ids to paths (cgroups.h). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroups.h"

#define FILEID_KERNFS 0xfe	/* the kernfs file handle type: the 64-bit id */
#define CGROUPS_CACHED 256

static struct {
	__u64 id;
	char *path;
} cache[CGROUPS_CACHED];
static int nr_cached;
static char mount_point[4096];
static int mount_fd = -2;	/* -2: not looked for yet */

/* The first cgroup2 mount in our mountinfo. */
static void find_mount(void)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[8192];

	mount_fd = -1;
	while (f && fgets(line, sizeof(line), f)) {
		char mp[4096], *sep = strstr(line, " - ");

		if (!sep || strncmp(sep, " - cgroup2 ", 11) ||
		    sscanf(line, "%*s %*s %*s %*s %4095s", mp) != 1)
			continue;
		snprintf(mount_point, sizeof(mount_point), "%s", mp);
		mount_fd = open(mp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		break;
	}
	if (f)
		fclose(f);
}

static char *resolve(__u64 id)
{
	struct {
		struct file_handle fh;
		__u64 id;
	} h = { .fh = { .handle_bytes = sizeof(__u64), .handle_type = FILEID_KERNFS }, .id = id };
	char link[64], path[4096], *p = NULL;
	ssize_t len = -1;
	size_t mlen;
	int fd;

	if (mount_fd == -2)
		find_mount();
	mlen = strlen(mount_point);
	fd = mount_fd >= 0 ? open_by_handle_at(mount_fd, &h.fh, O_RDONLY | O_CLOEXEC) : -1;
	if (fd >= 0) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		len = readlink(link, path, sizeof(path) - 1);
		close(fd);
	}
	if (len >= 0) {
		path[len] = 0;
		if (!strncmp(path, mount_point, mlen) && (path[mlen] == '/' || !path[mlen]))
			p = strdup(path[mlen] ? path + mlen : "/");
	}
	if (!p && asprintf(&p, "[cgroup %llu]", (unsigned long long)id) < 0)
		p = NULL;
	return p;
}

const char *cgroups__path(__u64 id)
{
	char *p;
	int i;

	for (i = 0; i < nr_cached; i++)
		if (cache[i].id == id)
			return cache[i].path;
	if (!(p = resolve(id)))
		return "?";
	if (nr_cached == CGROUPS_CACHED) {	/* full: drop the oldest */
		free(cache[0].path);
		memmove(cache, cache + 1, (CGROUPS_CACHED - 1) * sizeof(cache[0]));
		nr_cached--;
	}
	cache[nr_cached].id = id;
	cache[nr_cached].path = p;
	return cache[nr_cached++].path;
}

void cgroups__free(void)
{
	while (nr_cached)
		free(cache[--nr_cached].path);
	if (mount_fd >= 0)
		close(mount_fd);
	mount_fd = -2;
}
