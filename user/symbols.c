// SPDX-License-Identifier: MIT
/* ELF symbols and build-id by file offset, for --sites. */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "symbols.h"
#include "elf_segments.h"
#include "debug_files.h"
#include "elf_file.h"

/* Longest GNU build-id kept (ld's sha1 is 20 bytes; --build-id=0xHEX may
 * be longer). */
#define BUILD_ID_MAX 64
/* Function symbols kept per table (a large C++ library has ~10^5). */
#define SYMBOLS_MAX (1u << 20)

struct sym {
	__u64 start, size;	/* file offsets */
	size_t name;		/* offset in the table's names */
};

/* Function symbols sorted by start. Their names stay offsets into one
 * copy of the string table: symbols sharing a name share its bytes. */
struct table {
	struct sym *syms;
	size_t nr;
	char *names;
	size_t charged;		/* bytes taken from the object-data budget */
};

struct symbols {
	struct table own;	/* the object's .symtab, else its .dynsym */
	/* a separate debug file's .symtab, else .gnu_debugdata's: read on
	 * the first offset own does not name */
	struct table extra;
	bool extra_read;
	int fd;			/* the object's, held by the caller */
	/* the object's PT_LOADs: every table's vaddrs become file offsets
	 * through these, also a debug file's (whose own are not the code's) */
	struct elf_segment *segs;
	size_t nr_segs;
	unsigned char id[BUILD_ID_MAX];
	size_t id_len;
	char build_id[2 * BUILD_ID_MAX + 1];
};

static int cmp_sym(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* The first GNU build-id note of elf: its length (0 if none) into id,
 * and the file offset of the note's header into *note_off. */
static size_t find_build_id(struct elf_file *f, unsigned char id[BUILD_ID_MAX], __u64 *note_off)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(f->elf, scn))) {
		size_t off = 0, next, name_off, desc_off;
		GElf_Shdr sh;
		GElf_Nhdr nh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE ||
		    !(d = elf_file__data(f, scn, ELF_MAX_SMALL_SECTION, "of notes")))
			continue;
		for (; (next = gelf_getnote(d, off, &nh, &name_off, &desc_off)); off = next) {
			if (nh.n_type != NT_GNU_BUILD_ID || nh.n_namesz != 4 || !nh.n_descsz ||
			    nh.n_descsz > BUILD_ID_MAX || memcmp((char *)d->d_buf + name_off, "GNU", 4))
				continue;
			memcpy(id, (char *)d->d_buf + desc_off, nh.n_descsz);
			*note_off = sh.sh_offset + off;
			return nh.n_descsz;
		}
	}
	return 0;
}

/* The section of type (SHT_SYMTAB, SHT_DYNSYM), or NULL. */
static Elf_Scn *section_of_type(Elf *elf, Elf64_Word type)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;

		if (gelf_getshdr(scn, &sh) && sh.sh_type == type)
			return scn;
	}
	return NULL;
}

/* Grow t's array by one slot's worth, charged to the object-data budget:
 * 0, or -1 (a warning named f) when it does not fit. */
static int grow(struct elf_file *f, struct table *t, size_t *cap)
{
	size_t more = *cap ? *cap : 256;
	struct sym *m;

	if (elf_file__charge(more * sizeof(*m))) {
		elf_file__refuse(f->name, f->fd, "%zu symbols: over --max-object-memory: the "
				 "rest left out", t->nr);
		return -1;
	}
	if (!(m = realloc(t->syms, (*cap + more) * sizeof(*m)))) {
		elf_file__release(more * sizeof(*m));
		return -1;
	}
	t->syms = m;
	*cap += more;
	t->charged += more * sizeof(*m);
	return 0;
}

/* One copy of string table d, NUL-terminated (every offset in it then
 * names a string), charged to the budget into t. */
static int copy_names(struct elf_file *f, const Elf_Data *d, struct table *t)
{
	if (elf_file__charge(d->d_size + 1)) {
		elf_file__refuse(f->name, f->fd, "symbol names of %zu bytes: over "
				 "--max-object-memory: not read", d->d_size);
		return -1;
	}
	if (!(t->names = malloc(d->d_size + 1))) {
		elf_file__release(d->d_size + 1);
		return -1;
	}
	memcpy(t->names, d->d_buf, d->d_size);
	t->names[d->d_size] = 0;
	t->charged += d->d_size + 1;
	return 0;
}

/* The defined functions of symbol table scn into t, by file offset
 * through s's segments. */
static void read_table(struct elf_file *f, Elf_Scn *scn, const struct symbols *s,
		       struct table *t)
{
	Elf_Data *d = elf_file__data(f, scn, ELF_MAX_SECTION, "of symbols"), *str;
	size_t i, n, cap = 0;
	GElf_Shdr sh;

	if (!d || !gelf_getshdr(scn, &sh) || !sh.sh_entsize ||
	    !(str = elf_file__data(f, elf_getscn(f->elf, sh.sh_link), ELF_MAX_SECTION,
				   "of symbol names")) ||
	    !str->d_size || copy_names(f, str, t))
		return;
	n = sh.sh_size / sh.sh_entsize;
	for (i = 0; i < n; i++) {
		GElf_Sym sym;
		__u64 off;

		if (!gelf_getsym(d, i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || !sym.st_value || sym.st_name >= str->d_size ||
		    /* values are vaddrs; the kernel gives file offsets */
		    elf_segments__to_offset(s->segs, s->nr_segs, sym.st_value, &off))
			continue;
		if (t->nr == SYMBOLS_MAX) {
			elf_file__refuse(f->name, f->fd, "more than %u function symbols: the rest "
					 "left out", SYMBOLS_MAX);
			break;
		}
		if (t->nr == cap && grow(f, t, &cap))
			break;
		t->syms[t->nr++] = (struct sym){ off, sym.st_size, sym.st_name };
	}
	if (t->nr)
		qsort(t->syms, t->nr, sizeof(*t->syms), cmp_sym);
}

struct symbols *symbols__open_fd(int fd)
{
	struct symbols *s = NULL;
	struct elf_file f;
	Elf_Scn *scn;
	__u64 note_off;
	size_t i;

	if (elf_file__open(&f, fd, NULL))
		return NULL;
	if (!(s = calloc(1, sizeof(*s))))
		goto out;
	s->fd = fd;
	if (elf_segments__read(f.elf, &s->segs, &s->nr_segs)) {
		free(s);
		s = NULL;
		goto out;
	}
	scn = section_of_type(f.elf, SHT_SYMTAB);
	read_table(&f, scn ? scn : section_of_type(f.elf, SHT_DYNSYM), s, &s->own);
	s->id_len = find_build_id(&f, s->id, &note_off);
	for (i = 0; i < s->id_len; i++)
		sprintf(s->build_id + 2 * i, "%02x", s->id[i]);
out:
	elf_file__close(&f);
	return s;
}

/* The .symtab of the separate debug file for s's build-id into s->extra,
 * if that file is trusted (user/debug_files.c) and has the same build-id. */
static void read_debug_file(struct symbols *s)
{
	unsigned char id[BUILD_ID_MAX];
	char path[PATH_MAX];
	int fd = debug_files__open(s->id, s->id_len, path);
	struct elf_file f;
	__u64 note_off;

	if (fd < 0)
		return;
	if (!elf_file__open(&f, fd, path)) {
		/* a file of another build of the object would name wrongly */
		if (find_build_id(&f, id, &note_off) == s->id_len && !memcmp(id, s->id, s->id_len))
			read_table(&f, section_of_type(f.elf, SHT_SYMTAB), s, &s->extra);
		else
			fprintf(stderr, "syso-kagg: warning: not using debug file %s: its build-id "
				"differs from the object's\n", path);
		elf_file__close(&f);
	}
	close(fd);
}

/* The .symtab of the object's MiniDebugInfo into s->extra. */
static void read_debugdata(struct symbols *s)
{
	char link[PATH_MAX], name[PATH_MAX + 32];
	struct elf_file f, mini;
	size_t size, charged;
	char *image;

	if (elf_file__open(&f, s->fd, NULL))
		return;
	snprintf(name, sizeof(name), "%s .gnu_debugdata", elf_file__fd_name(s->fd, link));
	image = debug_files__debugdata(&f, name, &size, &charged);
	elf_file__close(&f);
	if (image && !elf_file__open_memory(&mini, image, size, name)) {
		read_table(&mini, section_of_type(mini.elf, SHT_SYMTAB), s, &s->extra);
		elf_file__close(&mini);
	}
	free(image);
	elf_file__release(charged);
}

int symbols__build_id_note(int fd, __u64 *note_off, unsigned char id[20])
{
	unsigned char buf[BUILD_ID_MAX];
	struct elf_file f;
	int ret = -1;

	if (elf_file__open(&f, fd, NULL))
		return -1;
	/* the BPF side compares 20 bytes (ld's sha1 build-id) */
	if (find_build_id(&f, buf, note_off) == 20) {
		memcpy(id, buf, 20);
		ret = 0;
	}
	elf_file__close(&f);
	return ret;
}

static void free_table(struct table *t);

static const char *table_lookup(const struct table *t, __u64 off, __u64 *delta)
{
	size_t lo = 0, hi = t->nr;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->syms[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	if (!t->nr || t->syms[lo].start > off)
		return NULL;
	/* size 0 (hand-written assembly): accept up to the next symbol */
	if (t->syms[lo].size && off >= t->syms[lo].start + t->syms[lo].size)
		return NULL;
	*delta = off - t->syms[lo].start;
	return t->names + t->syms[lo].name;
}

const char *symbols__lookup_return(struct symbols *s, __u64 ret, __u64 *delta)
{
	const char *name = ret ? symbols__lookup(s, ret - 1, delta) : NULL;

	if (name)
		*delta += 1;
	return name;
}

const char *symbols__lookup(struct symbols *s, __u64 off, __u64 *delta)
{
	const char *name;

	if (!s)
		return NULL;
	if ((name = table_lookup(&s->own, off, delta)))
		return name;
	if (!s->extra_read) {
		s->extra_read = true;
		/* as gdb: a separate debug file first, MiniDebugInfo else */
		if (s->id_len)
			read_debug_file(s);
		if (!s->extra.nr) {
			free_table(&s->extra);
			s->extra = (struct table){};
			read_debugdata(s);
		}
	}
	return table_lookup(&s->extra, off, delta);
}

const char *symbols__build_id(const struct symbols *s)
{
	return s ? s->build_id : "";
}

static void free_table(struct table *t)
{
	free(t->syms);
	free(t->names);
	elf_file__release(t->charged);
}

void symbols__close(struct symbols *s)
{
	if (!s)
		return;
	free_table(&s->own);
	free_table(&s->extra);
	free(s->segs);
	free(s);
}
