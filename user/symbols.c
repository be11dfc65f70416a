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

/* Longest GNU build-id kept (ld's sha1 is 20 bytes; --build-id=0xHEX may
 * be longer). */
#define BUILD_ID_MAX 64

struct sym {
	__u64 start, size;	/* file offsets */
	char *name;
};

/* Function symbols sorted by start. */
struct table {
	struct sym *syms;
	size_t nr;
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
static size_t find_build_id(Elf *elf, unsigned char id[BUILD_ID_MAX], __u64 *note_off)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		size_t off = 0, next, name_off, desc_off;
		GElf_Shdr sh;
		GElf_Nhdr nh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE || !(d = elf_getdata(scn, NULL)))
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

/* The defined functions of symbol table scn into t, by file offset
 * through s's segments. */
static void read_table(Elf *elf, Elf_Scn *scn, const struct symbols *s, struct table *t)
{
	Elf_Data *d = scn ? elf_getdata(scn, NULL) : NULL;
	size_t i, n, cap = 0;
	GElf_Shdr sh;

	if (!d || !gelf_getshdr(scn, &sh) || !sh.sh_entsize)
		return;
	n = sh.sh_size / sh.sh_entsize;
	for (i = 0; i < n; i++) {
		GElf_Sym sym;
		const char *name;
		char *copy;
		__u64 off;

		if (!gelf_getsym(d, i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || !sym.st_value ||
		    !(name = elf_strptr(elf, sh.sh_link, sym.st_name)) ||
		    /* values are vaddrs; the kernel gives file offsets */
		    elf_segments__to_offset(s->segs, s->nr_segs, sym.st_value, &off))
			continue;
		if (t->nr == cap) {
			struct sym *m = realloc(t->syms, (cap = cap ? 2 * cap : 256) * sizeof(*m));

			if (!m)
				break;
			t->syms = m;
		}
		if (!(copy = strdup(name)))
			break;
		t->syms[t->nr++] = (struct sym){ off, sym.st_size, copy };
	}
	if (t->nr)
		qsort(t->syms, t->nr, sizeof(*t->syms), cmp_sym);
}

struct symbols *symbols__open_fd(int fd)
{
	struct symbols *s = NULL;
	Elf_Scn *scn;
	__u64 note_off;
	Elf *elf;
	size_t i;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return NULL;
	/* pread as needed (ELF_C_READ): no mapping a truncation could fault */
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !(s = calloc(1, sizeof(*s))))
		goto out;
	s->fd = fd;
	if (elf_segments__read(elf, &s->segs, &s->nr_segs)) {
		free(s);
		s = NULL;
		goto out;
	}
	scn = section_of_type(elf, SHT_SYMTAB);
	read_table(elf, scn ? scn : section_of_type(elf, SHT_DYNSYM), s, &s->own);
	s->id_len = find_build_id(elf, s->id, &note_off);
	for (i = 0; i < s->id_len; i++)
		sprintf(s->build_id + 2 * i, "%02x", s->id[i]);
out:
	if (elf)
		elf_end(elf);
	return s;
}

/* The .symtab of the separate debug file for s's build-id into s->extra,
 * if that file is trusted (user/debug_files.c) and has the same build-id. */
static void read_debug_file(struct symbols *s)
{
	unsigned char id[BUILD_ID_MAX];
	char path[PATH_MAX];
	int fd = debug_files__open(s->id, s->id_len, path);
	__u64 note_off;
	Elf *elf;

	if (fd < 0)
		return;
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (elf && elf_kind(elf) == ELF_K_ELF) {
		/* a file of another build of the object would name wrongly */
		if (find_build_id(elf, id, &note_off) == s->id_len && !memcmp(id, s->id, s->id_len))
			read_table(elf, section_of_type(elf, SHT_SYMTAB), s, &s->extra);
		else
			fprintf(stderr, "syso-kagg: warning: not using debug file %s: its build-id "
				"differs from the object's\n", path);
	}
	if (elf)
		elf_end(elf);
	close(fd);
}

/* The .symtab of the object's MiniDebugInfo into s->extra. */
static void read_debugdata(struct symbols *s)
{
	Elf *elf = elf_begin(s->fd, ELF_C_READ, NULL), *mini = NULL;
	size_t size;
	char *image = elf ? debug_files__debugdata(elf, &size) : NULL;

	if (image && (mini = elf_memory(image, size)) && elf_kind(mini) == ELF_K_ELF)
		read_table(mini, section_of_type(mini, SHT_SYMTAB), s, &s->extra);
	if (mini)
		elf_end(mini);
	free(image);
	if (elf)
		elf_end(elf);
}

int symbols__build_id_note(int fd, __u64 *note_off, unsigned char id[20])
{
	unsigned char buf[BUILD_ID_MAX];
	int ret = -1;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -1;
	elf = elf_begin(fd, ELF_C_READ, NULL);
	/* the BPF side compares 20 bytes (ld's sha1 build-id) */
	if (elf && elf_kind(elf) == ELF_K_ELF && find_build_id(elf, buf, note_off) == 20) {
		memcpy(id, buf, 20);
		ret = 0;
	}
	if (elf)
		elf_end(elf);
	return ret;
}

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
	return t->syms[lo].name;
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
		if (!s->extra.nr)
			read_debugdata(s);
	}
	return table_lookup(&s->extra, off, delta);
}

const char *symbols__build_id(const struct symbols *s)
{
	return s ? s->build_id : "";
}

static void free_table(struct table *t)
{
	for (size_t i = 0; i < t->nr; i++)
		free(t->syms[i].name);
	free(t->syms);
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
