// SPDX-License-Identifier: MIT
/* Object files held open by id, opened only through live mappings. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>

#include "shared/objects.h"
#include "object_files.h"
#include "symbols.h"

#define FUSE_MAGIC 0x65735546

struct held {
	int fd;			/* -1: not (yet) held */
	bool syms_read;
	struct symbols *syms;
	__u32 tgid;		/* the process it was opened through, 0: none */
};

/* A file syso-kagg itself maps (its libc, ld.so, the libraries it links):
 * the system's files, the same ones most targets map, held from the start
 * so that they are available however short-lived the target. */
struct own_file {
	__u64 dev, ino;
	int fd;
};

/* The files one process maps, read once per reclaim pass
 * (object_files__still_mapped): a pass asks about many ids, most of them
 * opened through the same few processes. */
struct maps_cache {
	__u32 tgid;		/* 0: empty */
	size_t nr, cap;
	struct obj_key *files;
};

struct object_files {
	struct held *ids;
	__u32 nr_ids;
	struct maps_cache maps;
	struct own_file *own;
	size_t nr_own;
	__u32 refused;		/* out of descriptors */
	bool warned;
};

static struct rlimit orig_nofile;
static bool nofile_raised;

void object_files__raise_nofile(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_NOFILE, &r) || r.rlim_cur == r.rlim_max)
		return;
	orig_nofile = r;
	r.rlim_cur = r.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &r) == 0)
		nofile_raised = true;
}

void object_files__restore_nofile(void)
{
	if (nofile_raised)
		setrlimit(RLIMIT_NOFILE, &orig_nofile);
}

static int open_mapping(__u32 tgid, __u64 start, __u64 end, const struct obj_event *ev);

static int own_add(struct object_files *of, __u64 dev, __u64 ino, int fd)
{
	struct own_file *o = realloc(of->own, (of->nr_own + 1) * sizeof(*o));

	if (!o)
		return -1;
	of->own = o;
	of->own[of->nr_own++] = (struct own_file){ dev, ino, fd };
	return 0;
}

/* The kernel's s_dev encoding of a userspace dev_t. */
static __u64 kernel_dev(dev_t d)
{
	return ((__u64)major(d) << 20) | minor(d);
}

int object_files__hold(struct object_files *of, int fd, const struct stat *st)
{
	__u64 dev = kernel_dev(st->st_dev), ino = st->st_ino;

	for (size_t i = 0; i < of->nr_own; i++)
		if (of->own[i].dev == dev && of->own[i].ino == ino)
			return -1;
	return own_add(of, dev, ino, fd);
}

/* Our own file mappings, from the numeric fields of /proc/self/maps. */
static void seed_own(struct object_files *of)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, off, ino;
		unsigned int maj, min;
		struct obj_event ev = {};
		bool whole = strchr(line, '\n') != NULL, dup = false;
		size_t i;
		int fd;

		if (sscanf(line, "%llx-%llx %*s %llx %x:%x %llu", &start, &end, &off, &maj, &min,
			   &ino) == 6 && ino) {
			ev.dev = ((__u64)maj << 20) | min;
			ev.ino = ino;
			for (i = 0; i < of->nr_own && !dup; i++)
				dup = of->own[i].dev == ev.dev && of->own[i].ino == ev.ino;
			if (!dup && (fd = open_mapping(getpid(), start, end, &ev)) >= 0 &&
			    own_add(of, ev.dev, ev.ino, fd)) {
				close(fd);
				break;
			}
		}
		while (!whole && fgets(line, sizeof(line), f) && !strchr(line, '\n'))
			;
	}
	fclose(f);
}

struct object_files *object_files__new(__u32 nr_ids)
{
	struct object_files *of = calloc(1, sizeof(*of));
	__u32 i;

	if (!of)
		return NULL;
	of->ids = calloc(nr_ids, sizeof(*of->ids));
	if (!of->ids) {
		free(of);
		return NULL;
	}
	of->nr_ids = nr_ids;
	for (i = 0; i < nr_ids; i++)
		of->ids[i].fd = -1;
	seed_own(of);
	return of;
}

void object_files__free(struct object_files *of)
{
	__u32 i;

	if (!of)
		return;
	for (i = 0; i < of->nr_ids; i++) {
		if (of->ids[i].fd >= 0)
			close(of->ids[i].fd);
		symbols__close(of->ids[i].syms);
	}
	for (i = 0; i < of->nr_own; i++)
		close(of->own[i].fd);
	free(of->own);
	free(of->ids);
	free(of->maps.files);
	free(of);
}

/* Open one map_files entry; the fd if it is the kernel's (dev, ino) as a
 * regular file, else -1 with errno (EMFILE/ENFILE kept for the caller). */
static int open_mapping(__u32 tgid, __u64 start, __u64 end, const struct obj_event *ev)
{
	char path[64];
	struct statfs sfs;
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "/proc/%u/map_files/%llx-%llx", tgid,
		 (unsigned long long)start, (unsigned long long)end);
	/* non-blocking, no controlling tty: whatever the link leads to */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || kernel_dev(st.st_dev) != ev->dev ||
	    st.st_ino != ev->ino) {
		close(fd);
		errno = ESTALE;
		return -1;
	}
	/* A FUSE server (the target can run one) could stall our reads. */
	if (fstatfs(fd, &sfs) == 0 && sfs.f_type == FUSE_MAGIC) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	return fd;
}

/* /proc/TGID/maps, opened to be read with maps_next. */
static FILE *maps_open(__u32 tgid)
{
	char path[48];

	snprintf(path, sizeof(path), "/proc/%u/maps", tgid);
	return fopen(path, "re");
}

/* The next file mapping of a maps file: its range and the (dev, ino) in
 * the kernel's encoding (major << 20 | minor). Only the numeric fields are
 * read, never the path text, which the target chooses. */
static bool maps_next(FILE *f, __u64 *start, __u64 *end, __u64 *dev, __u64 *ino)
{
	char line[512];

	while (fgets(line, sizeof(line), f)) {
		unsigned long long s, e, off, i;
		unsigned int maj, min;
		bool whole = strchr(line, '\n') != NULL, ok;

		ok = sscanf(line, "%llx-%llx %*s %llx %x:%x %llu", &s, &e, &off, &maj, &min, &i) == 6;
		/* skip the rest of a long line: its path, which we do not read */
		while (!whole && fgets(line, sizeof(line), f) && !strchr(line, '\n'))
			;
		if (ok && i) {
			*start = s, *end = e, *ino = i;
			*dev = ((__u64)maj << 20) | min;
			return true;
		}
	}
	return false;
}

/* The exact range is gone (unmapped or remapped since): another current
 * range of the process with the same file. */
static int open_other_mapping(const struct obj_event *ev)
{
	__u64 start, end, dev, ino;
	int fd = -1, e = ENOENT;
	FILE *f = maps_open(ev->tgid);

	if (!f)
		return -1;
	while (fd < 0 && maps_next(f, &start, &end, &dev, &ino)) {
		if (ino == ev->ino && dev == ev->dev &&
		    (fd = open_mapping(ev->tgid, start, end, ev)) < 0) {
			e = errno;
			if (e == EMFILE || e == ENFILE)
				break;
		}
	}
	fclose(f);
	errno = e;
	return fd;
}

enum adopt_result object_files__adopt(struct object_files *of, const struct obj_event *ev)
{
	struct held *h;
	int fd;

	if (ev->obj_id >= of->nr_ids)
		return ADOPT_REFUSED;
	h = &of->ids[ev->obj_id];
	if (h->fd >= 0)
		return ADOPT_OK;
	for (size_t i = 0; i < of->nr_own; i++) {
		if (of->own[i].dev == ev->dev && of->own[i].ino == ev->ino) {
			fd = fcntl(of->own[i].fd, F_DUPFD_CLOEXEC, 0);
			if (fd >= 0) {
				h->fd = fd;
				h->tgid = ev->tgid;
				return ADOPT_OK;
			}
		}
	}
	fd = open_mapping(ev->tgid, ev->vm_start, ev->vm_end, ev);
	if (fd < 0 && errno != EMFILE && errno != ENFILE)
		fd = open_other_mapping(ev);
	if (fd >= 0) {
		h->fd = fd;
		h->tgid = ev->tgid;
		return ADOPT_OK;
	}
	if (errno == EMFILE || errno == ENFILE) {
		of->refused++;
		if (!of->warned)
			fprintf(stderr, "syso-kagg: warning: out of file descriptors: objects "
				"seen from now on have no symbols or build-id (not available)\n");
		of->warned = true;
		return ADOPT_REFUSED;
	}
	return errno == EPERM ? ADOPT_REFUSED : ADOPT_GONE;
}

int object_files__fd(const struct object_files *of, __u32 id)
{
	return of && id < of->nr_ids ? of->ids[id].fd : -1;
}

int object_files__deleted(const struct object_files *of, __u32 id)
{
	struct stat st;
	int fd = object_files__fd(of, id);

	if (fd < 0 || fstat(fd, &st))
		return -1;
	return st.st_nlink == 0;
}

struct symbols *object_files__symbols(struct object_files *of, __u32 id)
{
	struct held *h;

	if (!of || id >= of->nr_ids || of->ids[id].fd < 0)
		return NULL;
	h = &of->ids[id];
	if (!h->syms_read) {
		h->syms = symbols__open_fd(h->fd);
		h->syms_read = true;
	}
	return h->syms;
}

void object_files__forget(struct object_files *of, __u32 id)
{
	struct held *h;

	if (!of || id >= of->nr_ids)
		return;
	h = &of->ids[id];
	if (h->fd >= 0)
		close(h->fd);
	symbols__close(h->syms);
	*h = (struct held){ .fd = -1 };
}

static int maps_cache_fill(struct maps_cache *c, __u32 tgid)
{
	__u64 start, end, dev, ino;
	FILE *f = maps_open(tgid);

	c->tgid = tgid;
	c->nr = 0;
	if (!f)
		return -1;
	while (maps_next(f, &start, &end, &dev, &ino)) {
		if (c->nr == c->cap) {
			size_t cap = c->cap ? 2 * c->cap : 64;
			struct obj_key *files = realloc(c->files, cap * sizeof(*files));

			if (!files) {
				fclose(f);
				c->tgid = 0;	/* not cached: asked again */
				return -1;
			}
			c->files = files, c->cap = cap;
		}
		c->files[c->nr++] = (struct obj_key){ .dev = dev, .ino = ino };
	}
	fclose(f);
	return 0;
}

void object_files__maps_changed(struct object_files *of)
{
	if (of)
		of->maps.tgid = 0;
}

bool object_files__still_mapped(struct object_files *of, __u32 id, __u64 dev, __u64 ino)
{
	struct maps_cache *c;
	__u32 tgid;

	if (!of || id >= of->nr_ids || !(tgid = of->ids[id].tgid))
		return false;
	c = &of->maps;
	if (c->tgid != tgid && maps_cache_fill(c, tgid) < 0)
		return false;	/* the process is gone: nobody we know maps it */
	for (size_t i = 0; i < c->nr; i++)
		if (c->files[i].dev == dev && c->files[i].ino == ino)
			return true;
	return false;
}

__u32 object_files__refused(const struct object_files *of)
{
	return of ? of->refused : 0;
}
