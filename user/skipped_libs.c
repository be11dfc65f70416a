// SPDX-License-Identifier: MIT
/* Find libc and --skip-lib objects on disk and load their unwind tables. */
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdbool.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>

#include "shared/objects.h"
#include "shared/cfi.h"
#include "objects.h"
#include "object_files.h"
#include "tracer.h"

#include "options.h"
#include "skipped_libs.h"
#include "unwind_tables.h"

/* Where a --skip-lib NAME is looked for, after libc's own directory. */
static const char *const lib_dirs[] = {
	"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64",
	"/usr/local/lib", "/lib", "/usr/lib",
};

struct find_libc {
	char *path;
	int found;
};

static int find_libc_cb(struct dl_phdr_info *info, size_t size, void *data)
{
	struct find_libc *f = data;
	const char *base = strrchr(info->dlpi_name, '/');

	(void)size;
	if (base && !strncmp(base + 1, "libc.so", 7) && realpath(info->dlpi_name, f->path)) {
		f->found = 1;
		return 1;
	}
	return 0;
}

/* The libc this process runs on is the system's: the one targets load.
 * Found by name among our own loaded objects (not with dladdr on a libc
 * function, which a sanitizer's interceptor would answer for). */
static int own_libc(char *path)
{
	struct find_libc f = { .path = path };

	dl_iterate_phdr(find_libc_cb, &f);
	return f.found ? 0 : -1;
}

static int find_lib(const char *name, const char *first_dir, char *path)
{
	char cand[PATH_MAX];
	size_t i;

	if (first_dir && snprintf(cand, sizeof(cand), "%s/%s", first_dir, name) < (int)sizeof(cand) &&
	    realpath(cand, path))
		return 0;
	for (i = 0; i < sizeof(lib_dirs) / sizeof(lib_dirs[0]); i++) {
		if (snprintf(cand, sizeof(cand), "%s/%s", lib_dirs[i], name) >= (int)sizeof(cand))
			continue;
		if (realpath(cand, path))
			return 0;
	}
	return -1;
}

/* The kernel matches the mapped file's own name: add the name the user
 * gave and the name of the file it resolves to (libstdc++.so.6 is a link
 * to libstdc++.so.6.0.30). */
static int add_skip_name(struct tracer *t, const char *name)
{
	struct skip_name key = {};
	__u8 one = 1;

	strncpy(key.name, name, sizeof(key.name) - 1);
	return bpf_map_update_elem(tracer__maps(t)->skip_names, &key, &one, BPF_ANY);
}

_Static_assert(SKIP_NAMES_MAX >= (OPTIONS_MAX_SKIP_LIBS + 1) * SKIP_NAMES_PER_LIB,
	       "skip_names holds what add_skip_names adds: libc's names and each --skip-lib's");

static void add_skip_names(struct tracer *t, const char *name, const char *resolved)
{
	if (add_skip_name(t, name) || (resolved && add_skip_name(t, strrchr(resolved, '/') + 1)))
		fprintf(stderr, "syso-kagg: warning: cannot mark %s as skipped: %s\n", name,
			strerror(errno));
}

static bool no_tables;	/* --walker scan */
static void skip_one(struct tracer *t, const char *arg, const char *libc_dir);

static void load_one(struct tracer *t, const char *path)
{
	char err[256];

	if (no_tables)
		return;
	if (unwind_tables__load(t, path, err, sizeof(err)) < 0)
		fprintf(stderr, "syso-kagg: warning: no unwind table, its frames will be "
			"scanned: %s\n", err);
}

/* Where Debian and Ubuntu install the i386 libc (gcc-multilib's lib32 and
 * the multiarch libc6:i386, often the same file). */
static const char *const libc32_paths[] = {
	"/usr/lib32/libc.so.6", "/usr/lib/i386-linux-gnu/libc.so.6", "/lib/i386-linux-gnu/libc.so.6",
};

/*
 * Compat (i386) processes: the kernel's 32-bit vDSO, which their syscalls
 * go through, and the system's i386 libc, loaded before the target runs
 * as the 64-bit libc is (a libc met later gets its table when the kernel
 * interns it). A kernel without IA-32 emulation runs no compat process:
 * silent then, unless an i386 libc says 32-bit programs are expected.
 */
static void load_compat(struct tracer *t)
{
	char path[3][PATH_MAX], err[256];
	int n = 0, vdso_err;

	vdso_err = unwind_tables__load_vdso32(t, err, sizeof(err)) < 0;
	for (size_t i = 0; i < sizeof(libc32_paths) / sizeof(libc32_paths[0]); i++) {
		bool seen = false;

		if (!realpath(libc32_paths[i], path[n]))
			continue;
		for (int j = 0; j < n; j++)
			seen |= !strcmp(path[j], path[n]);
		if (!seen)
			load_one(t, path[n++]);
	}
	if (vdso_err && n)
		fprintf(stderr, "syso-kagg: warning: %s: 32-bit programs' calls are counted "
			"for [vdso]\n", err);
}

void skipped_libs__load_tables(struct tracer *t, const struct options *opts)
{
	char libc[PATH_MAX], dir[PATH_MAX], err[256];
	int i;

	no_tables = opts->walker_scan;
	if (!no_tables && unwind_tables__load_vdso(t, err, sizeof(err)) < 0)
		fprintf(stderr, "syso-kagg: warning: %s: calls through the vDSO are "
			"counted for [vdso]\n", err);
	if (own_libc(libc)) {
		fprintf(stderr, "syso-kagg: warning: cannot locate libc.so.6: "
			"libc frames will be scanned\n");
		dir[0] = 0;
		add_skip_names(t, "libc.so.6", NULL);
	} else {
		add_skip_names(t, "libc.so.6", libc);
		load_one(t, libc);
		strcpy(dir, libc);
		*strrchr(dir, '/') = 0;
	}
	/* after the 64-bit libc, whose build-id the kernel tries first */
	if (!no_tables)
		load_compat(t);
	for (i = 0; i < opts->nr_skip_libs; i++)
		skip_one(t, opts->skip_libs[i], dir[0] ? dir : NULL);
}

/*
 * One --skip-lib: a path names that file (its name, and the name of the
 * file a link resolves to, are what the kernel matches); a file name is
 * looked up in the library directories for its table now, and otherwise
 * matched whenever a traced program maps a file of that name (its table
 * is then built as the kernel meets it). Only a path can be known absent
 * now; a name no program mapped is said at the end.
 */
static void skip_one(struct tracer *t, const char *arg, const char *libc_dir)
{
	const char *slash = strrchr(arg, '/');
	char path[PATH_MAX];

	if (slash) {
		if (!realpath(arg, path)) {
			fprintf(stderr, "syso-kagg: warning: --skip-lib %s: %s: nothing skipped\n",
				arg, strerror(errno));
			return;
		}
		add_skip_names(t, slash + 1, path);
		load_one(t, path);
		return;
	}
	if (find_lib(arg, libc_dir, path)) {
		add_skip_names(t, arg, NULL);
		return;
	}
	add_skip_names(t, arg, path);
	load_one(t, path);
}

/* Does the leaf of an interned object's path (stored leaf-first) match? */
static bool leaf_is(const struct obj_info *info, const char *name)
{
	size_t n = strnlen(info->path, sizeof(info->path));

	return n < sizeof(info->path) && !strcmp(info->path, name);
}

void skipped_libs__check_met(struct tracer *t, const struct options *opts)
{
	__u32 n = tracer__objects_interned(t);

	for (int i = 0; i < opts->nr_skip_libs; i++) {
		const char *arg = opts->skip_libs[i], *slash = strrchr(arg, '/');
		char path[PATH_MAX];
		const char *name = slash ? slash + 1 : arg, *real = NULL;
		bool met = false;

		if (slash && !realpath(arg, path))
			continue;	/* warned at the start */
		if (slash || !find_lib(arg, NULL, path))
			real = strrchr(path, '/') + 1;
		for (__u32 id = OBJ_FIRST_FILE; id < OBJ_FIRST_FILE + n && !met; id++) {
			struct obj_info info;

			if (bpf_map_lookup_elem(tracer__maps(t)->obj_infos, &id, &info) ||
			    !(info.flags & OBJ_F_VALID))
				continue;
			met = leaf_is(&info, name) || (real && leaf_is(&info, real));
		}
		if (!met)
			fprintf(stderr, "syso-kagg: warning: --skip-lib %s: no traced program "
				"mapped it\n", arg);
	}
}

/*
 * The kernel met a skipped object it has no table for (a libc the tool did
 * not expect, in a chroot or another mount namespace), or with --depth a
 * chain met an object without one: build its table now
 * from the file held through the target's mapping, never from its path.
 * The object's own syscalls until the table lands wait as stack copies
 * (user/deferred.c), unwound once it does; if none can be built, they are
 * scanned (OBJ_F_NO_TABLE tells the walker).
 */
static void on_table_request(struct tracer *t, const struct obj_event *ev)
{
	struct obj_key key = { .dev = ev->dev, .ino = ev->ino };
	const struct tracer_maps *m = tracer__maps(t);
	int fd = object_files__fd(tracer__object_files(t), ev->obj_id);
	struct obj_info info;
	struct obj_ref ref;
	char err[256], *name = NULL;
	int index = -1;

	if (bpf_map_lookup_elem(m->obj_infos, &ev->obj_id, &info) == 0)
		name = objects__path(&info, -1);
	/* the walker may have given it a table by its build-id already */
	if (bpf_map_lookup_elem(m->obj_ids, &key, &ref) == 0 && ref.cfi_table)
		index = ref.cfi_table;
	if (fd >= 0 && index <= 0)
		index = unwind_tables__reuse(t, fd, &key);
	if (fd >= 0 && index <= 0)
		index = unwind_tables__load_fd(t, fd, name ? name : "?", &key, err, sizeof(err));
	else
		snprintf(err, sizeof(err), "object %u: not available", ev->obj_id);
	if (index > 0 && bpf_map_lookup_elem(m->obj_ids, &key, &ref) == 0) {
		ref.cfi_table = index;
		bpf_map_update_elem(m->obj_ids, &key, &ref, BPF_EXIST);
	}
	/* the walker's copies of its frames would wait for nothing: scanned */
	if (index <= 0 && bpf_map_lookup_elem(m->obj_infos, &ev->obj_id, &info) == 0) {
		info.flags |= OBJ_F_NO_TABLE;
		bpf_map_update_elem(m->obj_infos, &ev->obj_id, &info, BPF_EXIST);
	}
	if (index <= 0 && !(ev->flags & OBJ_F_SKIPPED))
		fprintf(stderr, "syso-kagg: warning: no unwind table, call chains end "
			"there: %s\n", err);
	else if (index <= 0)
		fprintf(stderr, "syso-kagg: warning: no unwind table, its frames will be "
			"scanned: %s\n", err);
	tracer__table_loaded(t, ev->obj_id, index > 0);
	free(name);
}

static bool is_elf(int fd)
{
	char magic[SELFMAG];

	return pread(fd, magic, SELFMAG, 0) == SELFMAG && !memcmp(magic, ELFMAG, SELFMAG);
}

void skipped_libs__load_program(struct tracer *t, const char *path, bool table)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	char err[256];

	/* its first calls' chains would otherwise end at their first frame,
	 * until the table built on the kernel's request is in; a script's
	 * interpreter gets its table on request */
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) || !is_elf(fd)) {
		if (fd >= 0)
			close(fd);
		return;
	}
	if (table && tracer__chain_table_budget(t, OBJ_F_WANT_TABLE) &&
	    unwind_tables__load_fd(t, fd, path, NULL, err, sizeof(err)) < 0)
		fprintf(stderr, "syso-kagg: warning: no unwind table, call chains end "
			"there: %s\n", err);
	/* held, so that its frames have names even if it exits at once; the
	 * kernel's (dev, ino) must match for it to be used */
	if (object_files__hold(tracer__object_files(t), fd, &st))
		close(fd);
}

void skipped_libs__watch(struct tracer *t)
{
	tracer__on_table_request(t, on_table_request);
}
