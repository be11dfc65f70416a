// SPDX-License-Identifier: MIT
/* ELF symbols and build-id by file offset, for --sites. */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "symbols.h"
#include "elf_segments.h"

struct sym {
	__u64 start, size;	/* file offsets */
	char *name;
};

struct symbols {
	struct sym *syms;	/* sorted by start */
	size_t nr;
	char build_id[41];
};

static int cmp_sym(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void read_build_id(Elf *elf, struct symbols *s)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t off = 0;
		GElf_Nhdr nh;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE || !(d = elf_getdata(scn, NULL)))
			continue;
		while (1) {
			size_t name_off, desc_off, next = gelf_getnote(d, off, &nh, &name_off, &desc_off);

			if (!next)
				break;
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    !memcmp((char *)d->d_buf + name_off, "GNU", 4)) {
				const unsigned char *id = (const unsigned char *)d->d_buf + desc_off;

				for (size_t i = 0; i < nh.n_descsz && i < 20; i++)
					sprintf(s->build_id + 2 * i, "%02x", id[i]);
				return;
			}
			off = next;
		}
	}
}

struct symbols *symbols__open_fd(int fd)
{
	struct elf_segment *segs = NULL;
	size_t nr_segs = 0, i, cap = 0;
	struct symbols *s = NULL;
	Elf_Scn *scn = NULL, *dynsym = NULL, *symtab = NULL;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return NULL;
	/* pread as needed (ELF_C_READ): no mapping a truncation could fault */
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || elf_segments__read(elf, &segs, &nr_segs))
		goto out;
	s = calloc(1, sizeof(*s));
	if (!s)
		goto out;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB)
			symtab = scn;
		else if (sh.sh_type == SHT_DYNSYM)
			dynsym = scn;
	}
	scn = symtab ? symtab : dynsym;
	if (scn) {
		GElf_Shdr sh;
		Elf_Data *d = elf_getdata(scn, NULL);

		if (d && gelf_getshdr(scn, &sh) && sh.sh_entsize) {
			size_t n = sh.sh_size / sh.sh_entsize;

			for (i = 0; i < n; i++) {
				GElf_Sym sym;
				const char *name;
				__u64 off;

				if (!gelf_getsym(d, i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
				    !sym.st_value || !(name = elf_strptr(elf, sh.sh_link, sym.st_name)) ||
				    /* values are vaddrs; the kernel gives file offsets */
				    elf_segments__to_offset(segs, nr_segs, sym.st_value, &off))
					continue;
				if (s->nr == cap) {
					struct sym *m = realloc(s->syms, (cap = cap ? 2 * cap : 256) * sizeof(*m));

					if (!m)
						break;
					s->syms = m;
				}
				s->syms[s->nr++] = (struct sym){ off, sym.st_size, strdup(name) };
			}
		}
	}
	if (s->nr)
		qsort(s->syms, s->nr, sizeof(*s->syms), cmp_sym);
	read_build_id(elf, s);
out:
	free(segs);
	if (elf)
		elf_end(elf);
	return s;
}

int symbols__build_id_note(int fd, __u64 *note_off, unsigned char id[20])
{
	Elf_Scn *scn = NULL;
	int ret = -1;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -1;
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF)
		goto out;
	while (ret && (scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t off = 0, next, name_off, desc_off;
		GElf_Nhdr nh;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE || !(d = elf_getdata(scn, NULL)))
			continue;
		for (; ret && (next = gelf_getnote(d, off, &nh, &name_off, &desc_off)); off = next) {
			if (nh.n_type != NT_GNU_BUILD_ID || nh.n_namesz != 4 || nh.n_descsz != 20 ||
			    memcmp((char *)d->d_buf + name_off, "GNU", 4))
				continue;
			memcpy(id, (char *)d->d_buf + desc_off, 20);
			*note_off = sh.sh_offset + off;
			ret = 0;
		}
	}
out:
	if (elf)
		elf_end(elf);
	return ret;
}

const char *symbols__lookup(const struct symbols *s, __u64 off, __u64 *delta)
{
	size_t lo = 0, hi = s ? s->nr : 0;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->syms[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	if (!s || !s->nr || s->syms[lo].start > off)
		return NULL;
	/* size 0 (hand-written assembly): accept up to the next symbol */
	if (s->syms[lo].size && off >= s->syms[lo].start + s->syms[lo].size)
		return NULL;
	*delta = off - s->syms[lo].start;
	return s->syms[lo].name;
}

const char *symbols__build_id(const struct symbols *s)
{
	return s ? s->build_id : "";
}

void symbols__close(struct symbols *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nr; i++)
		free(s->syms[i].name);
	free(s->syms);
	free(s);
}
