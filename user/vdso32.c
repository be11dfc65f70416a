// SPDX-License-Identifier: MIT
/*
 * The kernel's 32-bit vDSO image, which every compat (i386) process maps
 * and enters its syscalls through (__kernel_vsyscall). syso-kagg is a
 * 64-bit process and has only the 64-bit vDSO, so it asks the kernel for
 * the other one: a forked child unmaps its own vDSO and data pages and
 * maps the 32-bit image with arch_prctl(ARCH_MAP_VDSO_32) (what CRIU uses
 * to restore compat processes); the parent reads it from the child's
 * /proc/PID/mem. The pages are the kernel's own image, the same for every
 * compat process, so no traced process is needed and its table is loaded
 * before the target runs.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "vdso32.h"

#ifndef ARCH_MAP_VDSO_32
#define ARCH_MAP_VDSO_32	0x2002
#endif

/* The kernel's special mappings that make ARCH_MAP_VDSO_* refuse (EEXIST). */
#define VDSO_MAPPINGS	4

struct maps_range {
	uint64_t start, end;
};

/* The ranges of pid's mappings named one of names (NULL-terminated). */
static int special_ranges(pid_t pid, const char *const *names, struct maps_range *out, int max)
{
	char path[64], line[512];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		const char *name = strrchr(line, ' ');
		uint64_t s, e;

		if (!name || sscanf(line, "%" SCNx64 "-%" SCNx64, &s, &e) != 2)
			continue;
		name++;
		for (const char *const *k = names; *k; k++)
			if (!strncmp(name, *k, strlen(*k)) && name[strlen(*k)] == '\n' && n < max)
				out[n++] = (struct maps_range){ s, e };
	}
	fclose(f);
	return n;
}

/* The child: only raw syscalls (it is a fork of a process that may have
 * threads, and it has no vDSO once it starts). */
static void __attribute__((noreturn)) child(const struct maps_range *r, int n, int out, int in,
					   int unused1, int unused2)
{
	long size;
	char c;

	/* the parent's ends: its close of the write end must reach us as EOF */
	syscall(SYS_close, unused1);
	syscall(SYS_close, unused2);
	for (int i = 0; i < n; i++)
		syscall(SYS_munmap, r[i].start, r[i].end - r[i].start);
	size = syscall(SYS_arch_prctl, ARCH_MAP_VDSO_32, 0UL);
	if (size < 0)
		size = -errno;
	syscall(SYS_write, out, &size, sizeof(size));
	syscall(SYS_read, in, &c, 1);	/* until the parent has read the image */
	syscall(SYS_exit_group, 0);
	__builtin_unreachable();
}

/* Bytes of the ELF32 image: up to its section headers or its last loaded
 * byte, whichever ends later; 0 if it is not an i386 ELF within size. */
static size_t elf32_image_size(const unsigned char *img, size_t size)
{
	const Elf32_Ehdr *eh = (const void *)img;
	size_t end;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS32 || eh->e_machine != EM_386 ||
	    eh->e_phoff > size || eh->e_phnum > (size - eh->e_phoff) / sizeof(Elf32_Phdr))
		return 0;
	end = eh->e_shoff + (size_t)eh->e_shnum * eh->e_shentsize;
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *ph = (const void *)(img + eh->e_phoff + i * sizeof(*ph));

		if (ph->p_type == PT_LOAD && (size_t)ph->p_offset + ph->p_filesz > end)
			end = (size_t)ph->p_offset + ph->p_filesz;
	}
	return end <= size ? end : 0;
}

/* Read the child's [vdso] (exactly size bytes long) into a new buffer. */
static int read_image(pid_t pid, long size, void **image, size_t *image_size,
		      char *err, size_t errlen)
{
	static const char *const vdso[] = { "[vdso]", NULL };
	struct maps_range r;
	char path[64];
	void *buf;
	int fd, n;

	n = special_ranges(pid, vdso, &r, 1);
	if (n != 1 || r.end - r.start != (uint64_t)size) {
		snprintf(err, errlen, "[vdso] (32-bit): mapped, but not found in the maps as %ld bytes",
			 size);
		return -ENOENT;
	}
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	errno = 0;
	buf = malloc(size);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (!buf || fd < 0 || pread(fd, buf, size, (off_t)r.start) != size) {
		n = errno ? -errno : -EIO;
		snprintf(err, errlen, "[vdso] (32-bit): reading %s: %s", path, strerror(-n));
		free(buf);
		if (fd >= 0)
			close(fd);
		return n;
	}
	close(fd);
	*image_size = elf32_image_size(buf, size);
	if (!*image_size) {
		free(buf);
		snprintf(err, errlen, "[vdso] (32-bit): not an i386 ELF image");
		return -EINVAL;
	}
	*image = buf;
	return 0;
}

int vdso32__capture(void **image, size_t *image_size, char *err, size_t errlen)
{
	static const char *const own[] = { "[vdso]", "[vvar]", "[vvar_vclock]", NULL };
	struct maps_range r[VDSO_MAPPINGS];
	int to_parent[2], to_child[2], n, e, status;
	long size = 0;
	pid_t pid;

	*image = NULL;
	n = special_ranges(getpid(), own, r, VDSO_MAPPINGS);
	if (n < 0) {
		snprintf(err, errlen, "[vdso] (32-bit): /proc/self/maps: %s", strerror(-n));
		return n;
	}
	if (pipe2(to_parent, O_CLOEXEC))
		goto sys_err;
	if (pipe2(to_child, O_CLOEXEC)) {
		close(to_parent[0]);
		close(to_parent[1]);
		goto sys_err;
	}
	pid = fork();
	if (pid == 0)
		child(r, n, to_parent[1], to_child[0], to_parent[0], to_child[1]);
	close(to_parent[1]);
	close(to_child[0]);
	e = pid < 0 ? -errno : 0;
	if (!e && read(to_parent[0], &size, sizeof(size)) != sizeof(size))
		e = -EIO;
	if (!e && size <= 0) {
		e = size ? (int)size : -EIO;
		snprintf(err, errlen, "[vdso] (32-bit): arch_prctl(ARCH_MAP_VDSO_32): %s "
			 "(no IA-32 emulation or checkpoint/restore in this kernel?)", strerror(-e));
	} else if (!e) {
		e = read_image(pid, size, image, image_size, err, errlen);
	} else {
		snprintf(err, errlen, "[vdso] (32-bit): its helper process: %s", strerror(-e));
	}
	close(to_child[1]);	/* the child exits */
	close(to_parent[0]);
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	return e;
sys_err:
	e = -errno;
	snprintf(err, errlen, "[vdso] (32-bit): pipe: %s", strerror(errno));
	return e;
}
