// SPDX-License-Identifier: MIT
/* Load .eh_frame-derived unwind tables into the BPF maps: skipped objects'
 * files, and the vDSO's images (the kernel's: the same for every 64-bit
 * process, and for every compat one). */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <bpf/bpf.h>

#include "shared/cfi.h"
#include "shared/objects.h"
#include "cfi.h"
#include "symbols.h"
#include "tracer.h"
#include "unwind_tables.h"
#include "vdso32.h"

/* How much of the unwind-table maps is used: one tracer per process. */
static struct unwind_space {
	__u32 tables;		/* next table index; 0 means "no table" */
	__u32 rows, max_rows;
	__u32 buckets, max_buckets;
} space;

static __u32 map_capacity(int fd)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	return bpf_obj_get_info_by_fd(fd, &info, &len) ? 0 : info.max_entries;
}

/* The space, measured at the first table (table 0 means "none"). */
static struct unwind_space *space_of(const struct tracer_maps *m)
{
	if (!space.tables)
		space = (struct unwind_space){
			.tables = 1,
			.max_rows = map_capacity(m->cfi_rows),
			.max_buckets = map_capacity(m->cfi_buckets),
		};
	return &space;
}

/* Build-ids of the tables loaded, so that another file with the same
 * contents (a libc copied into a container or a private mount namespace)
 * gets the same table at once instead of after a parse of milliseconds:
 * in the kernel (cfi_build_ids, read from the mapping by the walker) and
 * here when the kernel's event comes first. */
static struct cfi_build_id known[CFI_MAX_TABLES];
static unsigned int nr_known;

static void remember(const struct tracer_maps *m, int fd, __u32 index)
{
	struct cfi_build_id *k = &known[nr_known];
	__u32 slot = nr_known;

	if (nr_known >= CFI_MAX_TABLES || symbols__build_id_note(fd, &k->note_off, k->id))
		return;
	k->table = index;
	nr_known++;
	/* the kernel's list is shorter: the first tables (libc first) */
	if (slot < CFI_KNOWN_BUILD_IDS)
		bpf_map_update_elem(m->cfi_build_ids, &slot, k, BPF_ANY);
}

int unwind_tables__reuse(struct tracer *t, int fd, const struct obj_key *key)
{
	unsigned char id[CFI_BUILD_ID_BYTES];
	unsigned int i;
	__u64 off;

	if (symbols__build_id_note(fd, &off, id))
		return -ENOENT;
	for (i = 0; i < nr_known; i++)
		if (!memcmp(known[i].id, id, sizeof(id)))
			break;
	if (i == nr_known)
		return -ENOENT;
	if (bpf_map_update_elem(tracer__maps(t)->cfi_ids, key, &known[i].table, BPF_ANY))
		return -errno;
	return known[i].table;
}

size_t unwind_tables__row_at(const struct cfi_row *rows, size_t nr, __u64 off)
{
	size_t lo = 0, hi = nr;		/* answer in [lo, hi) */

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (rows[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Bucket entries for rows (sorted): the largest shift that keeps every
 * bucket within CFI_BUCKET_MAX_ROWS. Returns the number of buckets
 * (entries written = return + 1), or -E2BIG if max_entries is too small. */
static long buckets(const struct cfi_row *rows, size_t nr, __u32 *entries,
		    size_t max_entries, __u32 *shift_out)
{
	__u64 base, span;
	int shift;

	if (!nr)
		return -EINVAL;
	base = rows[0].start;
	span = rows[nr - 1].start - base;
	/* Largest buckets first (fewest entries); halve until every bucket's
	 * row span fits the BPF search. */
	for (shift = 16; shift >= 2; shift--) {
		__u64 nb = (span >> shift) + 1, b;
		bool ok = true;

		if (nb + 1 > max_entries)
			return -E2BIG;
		for (b = 0; b <= nb; b++)
			entries[b] = unwind_tables__row_at(rows, nr, base + (b << shift));
		for (b = 0; b < nb && ok; b++)
			ok = entries[b + 1] - entries[b] < CFI_BUCKET_MAX_ROWS;
		if (ok) {
			*shift_out = shift;
			return nb;
		}
	}
	return -ERANGE;
}

/* Write n consecutive elements of an array map starting at key first, in
 * one batch (tens of thousands of rows: one syscall, not one per row). */
static int array_write(int fd, __u32 first, const void *vals, size_t n, size_t size)
{
	__u32 *keys = malloc(n * sizeof(*keys)), count = n;
	int e = 0;

	if (!keys)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		keys[i] = first + i;
	if (bpf_map_update_batch(fd, keys, vals, &count, NULL))
		e = -errno;
	else if (count != n)
		e = -EIO;
	free(keys);
	return e;
}

/* Read n consecutive elements of an array map starting at key first, in
 * batches (Linux 5.6+): in_batch is the key before the first to read. */
int unwind_tables__read_array(int fd, __u32 first, void *vals, size_t n, size_t size)
{
	__u32 *keys = malloc(n * sizeof(*keys)), prev = first - 1, count;
	size_t got = 0;
	int e = 0;

	if (!keys)
		return -ENOMEM;
	while (got < n && !e) {
		count = n - got;
		if (bpf_map_lookup_batch(fd, first + got ? &prev : NULL, &prev, keys,
					 (char *)vals + got * size, &count, NULL))
			e = errno == ENOENT && count ? 0 : -errno;	/* ENOENT: the map's end */
		/* a start beyond the map's end would restart at key 0 */
		if ((!count && !e) || (count && keys[0] != first + got))
			e = -EIO;
		got += count;
	}
	free(keys);
	return e;
}

/* Put rows into the maps as a new table; returns its index or -errno. The
 * caller registers it where the kernel looks for it. */
static int load_rows(const struct tracer_maps *m, const struct cfi_rows *rows,
		     const char *name, char *err, size_t errlen)
{
	struct unwind_space *sp = space_of(m);
	struct cfi_table table = {};
	__u32 *entries = NULL, shift, index;
	long nb;
	int e = -ENOSPC;

	if (!rows->nr) {
		snprintf(err, errlen, "%s: no unwind rows", name);
		return -ENOENT;
	}
	if (sp->tables >= CFI_MAX_TABLES || sp->rows + rows->nr > sp->max_rows) {
		snprintf(err, errlen, "%s: unwind table space full (%zu rows)", name, rows->nr);
		goto out;
	}
	entries = calloc(sp->max_buckets - sp->buckets, sizeof(*entries));
	if (!entries) {
		e = -ENOMEM;
		goto out;
	}
	nb = buckets(rows->rows, rows->nr, entries, sp->max_buckets - sp->buckets,
		     &shift);
	if (nb < 0) {
		e = nb;
		snprintf(err, errlen, "%s: cannot bucket %zu rows: %s", name, rows->nr, strerror(-e));
		goto out;
	}
	index = sp->tables;
	table.first_row = sp->rows;
	table.nr_rows = rows->nr;
	table.first_bucket = sp->buckets;
	table.nr_buckets = nb;
	table.base = rows->rows[0].start;
	table.shift = shift;
	table.word = rows->word;
	/* bucket entries are absolute row indexes in the shared array */
	for (long b = 0; b <= nb; b++)
		entries[b] += table.first_row;
	if ((e = array_write(m->cfi_rows, table.first_row, rows->rows, rows->nr, sizeof(*rows->rows))) ||
	    (e = array_write(m->cfi_buckets, table.first_bucket, entries, nb + 1, sizeof(*entries))) ||
	    (e = array_write(m->cfi_tables, index, &table, 1, sizeof(table)))) {
		snprintf(err, errlen, "%s: cannot load unwind table: %s", name, strerror(-e));
		goto out;
	}
	sp->tables++;
	sp->rows += rows->nr;
	sp->buckets += nb + 1;
	e = index;
out:
	free(entries);
	return e;
}

int unwind_tables__load(struct tracer *t, const char *path, char *err, size_t errlen)
{
	/* The tool's own libc and --skip-lib files, found before the target
	 * runs: opened once, keyed by what was read (fstat). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), e;

	if (fd < 0) {
		e = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return e;
	}
	e = unwind_tables__load_fd(t, fd, path, NULL, err, errlen);
	close(fd);
	return e;
}

int unwind_tables__load_fd(struct tracer *t, int fd, const char *path,
			   const struct obj_key *kkey, char *err, size_t errlen)
{
	struct obj_key key = {};
	struct cfi_rows rows = {};
	const struct tracer_maps *m = tracer__maps(t);
	struct stat st;
	int e, index;

	if (fstat(fd, &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		return -EINVAL;
	}
	if ((e = cfi__from_fd(fd, path, &rows, err, errlen)))
		return e;
	if ((index = load_rows(m, &rows, path, err, errlen)) < 0)
		goto out;
	/* The kernel's s_dev encoding, not the userspace dev_t's. */
	key.dev = ((__u64)major(st.st_dev) << 20) | minor(st.st_dev);
	key.ino = st.st_ino;
	if (bpf_map_update_elem(m->cfi_ids, &key, &index, BPF_ANY) ||
	    (kkey && bpf_map_update_elem(m->cfi_ids, kkey, &index, BPF_ANY))) {
		index = -errno;
		snprintf(err, errlen, "%s: cannot register unwind table: %s", path, strerror(-index));
	} else {
		remember(m, fd, index);
	}
out:
	cfi__free(&rows);
	return index;
}

/* Bytes of the ELF image at ehdr: up to its section headers or its last
 * loaded byte, whichever ends later (the vDSO carries both). */
static size_t elf_image_size(const Elf64_Ehdr *eh)
{
	const Elf64_Phdr *ph = (const void *)((const char *)eh + eh->e_phoff);
	size_t size = eh->e_shoff + (size_t)eh->e_shnum * eh->e_shentsize;

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_offset + ph[i].p_filesz > size)
			size = ph[i].p_offset + ph[i].p_filesz;
	return size;
}

/* A table from an ELF image in memory (a vDSO's), of word-sized slots,
 * with the rows add_rows (if not NULL) adds; its index or -errno. */
static int load_image(const struct tracer_maps *m, const void *image, size_t size,
		      unsigned int word, int (*add_rows)(const void *, size_t, struct cfi_rows *),
		      const char *name, char *err, size_t errlen)
{
	struct cfi_rows rows = {};
	int fd, e;

	/* The parser reads files: hand it the image through a memfd. */
	fd = memfd_create("vdso", MFD_CLOEXEC);
	if (fd < 0 || write(fd, image, size) != (ssize_t)size) {
		e = -errno;
		snprintf(err, errlen, "%s: copying its image: %s", name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return e;
	}
	e = cfi__from_fd(fd, name, &rows, err, errlen);
	close(fd);
	if (e)
		return e;
	if (rows.word != word) {
		snprintf(err, errlen, "%s: a %u-byte image, expected %u", name, rows.word, word);
		e = -EINVAL;
	} else if (add_rows && (e = add_rows(image, size, &rows))) {
		snprintf(err, errlen, "%s: %s", name, strerror(-e));
	} else {
		e = load_rows(m, &rows, name, err, errlen);
	}
	cfi__free(&rows);
	return e;
}

int unwind_tables__load_vdso(struct tracer *t, char *err, size_t errlen)
{
	const Elf64_Ehdr *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
	const struct tracer_maps *m = tracer__maps(t);
	int e;

	if (!eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64) {
		snprintf(err, errlen, "[vdso]: no 64-bit vDSO in this process");
		return -ENOENT;
	}
	e = load_image(m, eh, elf_image_size(eh), 8, NULL, "[vdso]", err, errlen);
	if (e > 0)
		*m->vdso_cfi_table = e;
	return e;
}

int unwind_tables__load_vdso32(struct tracer *t, char *err, size_t errlen)
{
	const struct tracer_maps *m = tracer__maps(t);
	void *image;
	size_t size;
	int e;

	if ((e = vdso32__capture(&image, &size, err, errlen)))
		return e;
	e = load_image(m, image, size, 4, vdso32__frame_rows, "[vdso] (32-bit)", err, errlen);
	free(image);
	if (e > 0)
		*m->vdso32_cfi_table = e;
	return e;
}
