// SPDX-License-Identifier: MIT
/* Checked libelf handles and the run's object-data budget (elf_file.h). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "elf_file.h"
#include "escape.h"

/* What libelf allocates per header it loads (its Elf_Scn and the header),
 * rounded up. */
#define HEADER_COST	512

static struct elf_file_stats budget = { .budget = ELF_DEFAULT_MEMORY };

void elf_file__set_budget(__u64 bytes)
{
	budget.budget = bytes;
}

int elf_file__charge(size_t n)
{
	if (n > budget.budget || budget.used > budget.budget - n)
		return -1;
	budget.used += n;
	if (budget.used > budget.peak)
		budget.peak = budget.used;
	return 0;
}

void elf_file__release(size_t n)
{
	budget.used -= n < budget.used ? n : budget.used;
}

void elf_file__stats(struct elf_file_stats *s)
{
	*s = budget;
}

void elf_file__count_refusal(void)
{
	budget.refused++;
}

const char *elf_file__fd_name(int fd, char buf[PATH_MAX])
{
	char path[32];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (fd < 0 || (n = readlink(path, buf, PATH_MAX - 1)) < 0)
		return "?";
	buf[n] = 0;
	return buf;
}

void elf_file__refuse(const char *name, int fd, const char *fmt, ...)
{
	char link[PATH_MAX];
	va_list ap;

	budget.refused++;
	fputs("syso-kagg: warning: ", stderr);
	/* the target chose the name: data, never a line of ours */
	escape__fputs_c(stderr, name ? name : elf_file__fd_name(fd, link));
	fputs(": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (doc/resources.md)\n", stderr);
}

/* n bytes at off of f's file or image into buf: 0 or -1. */
static int read_at(const struct elf_file *f, const void *image, __u64 off, void *buf, size_t n)
{
	if (off > f->size || n > f->size - off)
		return -1;
	if (image) {
		memcpy(buf, (const char *)image + off, n);
		return 0;
	}
	return pread(f->fd, buf, n, off) == (ssize_t)n ? 0 : -1;
}

/* The header counts libelf will allocate for, as it reads them (the
 * extended numbering in section header 0 included), checked before
 * elf_begin: 0, -1 (not ELF: libelf says why), or -E2BIG. */
static int check_headers(const struct elf_file *f, const void *image, size_t *headers)
{
	Elf64_Ehdr eh;
	__u64 shoff, shnum, phnum, sh0_size = 0, sh0_info = 0;
	unsigned char ident[EI_NIDENT];

	if (read_at(f, image, 0, ident, sizeof(ident)) || memcmp(ident, ELFMAG, SELFMAG))
		return -1;
	if (ident[EI_CLASS] == ELFCLASS64) {
		Elf64_Shdr sh0;

		if (read_at(f, image, 0, &eh, sizeof(eh)))
			return -1;
		shoff = eh.e_shoff, shnum = eh.e_shnum, phnum = eh.e_phnum;
		if (shoff && !read_at(f, image, shoff, &sh0, sizeof(sh0)))
			sh0_size = sh0.sh_size, sh0_info = sh0.sh_info;
	} else if (ident[EI_CLASS] == ELFCLASS32) {
		Elf32_Ehdr e32;
		Elf32_Shdr sh0;

		if (read_at(f, image, 0, &e32, sizeof(e32)))
			return -1;
		shoff = e32.e_shoff, shnum = e32.e_shnum, phnum = e32.e_phnum;
		if (shoff && !read_at(f, image, shoff, &sh0, sizeof(sh0)))
			sh0_size = sh0.sh_size, sh0_info = sh0.sh_info;
	} else {
		return -1;
	}
	if (!shnum && shoff)
		shnum = sh0_size;
	if (phnum == PN_XNUM)
		phnum = sh0_info;
	if (shnum > ELF_MAX_HEADERS || phnum > ELF_MAX_HEADERS) {
		elf_file__refuse(f->name, f->fd, "%llu section and %llu program headers, over the "
				 "cap of %u each: not read", (unsigned long long)shnum,
				 (unsigned long long)phnum, ELF_MAX_HEADERS);
		return -E2BIG;
	}
	*headers = shnum + phnum;
	return 0;
}

static int begin(struct elf_file *f, const void *image)
{
	size_t headers;
	int e;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -1;
	if ((e = check_headers(f, image, &headers)))
		return e;
	if (elf_file__charge(headers * HEADER_COST)) {
		elf_file__refuse(f->name, f->fd, "%zu headers: over --max-object-memory: not read",
				 headers);
		return -ENOMEM;
	}
	f->charged = headers * HEADER_COST;
	/* ELF_C_READ: pread as needed, no mapping a truncation could fault */
	f->elf = image ? elf_memory((char *)image, f->size) : elf_begin(f->fd, ELF_C_READ, NULL);
	if (!f->elf || elf_kind(f->elf) != ELF_K_ELF) {
		elf_file__close(f);
		return -1;
	}
	return 0;
}

int elf_file__open(struct elf_file *f, int fd, const char *name)
{
	struct stat st;

	*f = (struct elf_file){ .fd = fd, .name = name };
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0)
		return -1;
	f->size = st.st_size;
	return begin(f, NULL);
}

int elf_file__open_memory(struct elf_file *f, const void *image, size_t size, const char *name)
{
	*f = (struct elf_file){ .fd = -1, .name = name, .size = size };
	return begin(f, image);
}

void elf_file__close(struct elf_file *f)
{
	if (f->elf)
		elf_end(f->elf);
	elf_file__release(f->charged);
	*f = (struct elf_file){ .fd = -1 };
}

Elf_Data *elf_file__data(struct elf_file *f, Elf_Scn *scn, size_t cap, const char *what)
{
	size_t cost;
	GElf_Shdr sh;
	Elf_Data *d;

	if (!scn || !gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS)
		return NULL;
	if (sh.sh_offset > f->size || sh.sh_size > f->size - sh.sh_offset) {
		elf_file__refuse(f->name, f->fd, "section %s runs past the end of the file "
				 "(%llu bytes at %llu of %llu): not read", what,
				 (unsigned long long)sh.sh_size, (unsigned long long)sh.sh_offset,
				 (unsigned long long)f->size);
		return NULL;
	}
	if (sh.sh_size > cap) {
		elf_file__refuse(f->name, f->fd, "section %s of %llu bytes, over the cap of %zu: "
				 "not read", what, (unsigned long long)sh.sh_size, cap);
		return NULL;
	}
	/* an image's sections are read in place; a file's into libelf's buffer */
	cost = f->fd >= 0 ? sh.sh_size : 0;
	if (elf_file__charge(cost)) {
		elf_file__refuse(f->name, f->fd, "section %s of %llu bytes: over "
				 "--max-object-memory: not read", what, (unsigned long long)sh.sh_size);
		return NULL;
	}
	f->charged += cost;
	d = elf_getdata(scn, NULL);
	return d && (d->d_buf || !d->d_size) ? d : NULL;
}

const char *elf_file__str(const Elf_Data *d, size_t off)
{
	if (!d || !d->d_buf || off >= d->d_size ||
	    !memchr((const char *)d->d_buf + off, 0, d->d_size - off))
		return NULL;
	return (const char *)d->d_buf + off;
}

const char *elf_file__section_name(struct elf_file *f, const GElf_Shdr *sh)
{
	if (!f->names_read) {
		size_t shstrndx;

		f->names_read = true;
		if (!elf_getshdrstrndx(f->elf, &shstrndx))
			f->names = elf_file__data(f, elf_getscn(f->elf, shstrndx),
						  ELF_MAX_SMALL_SECTION, "of section names");
	}
	return elf_file__str(f->names, sh->sh_name);
}
