/*
 * What a traced program can forge (README, Safety): maps FILE PROT_EXEC,
 * finds a `ret` byte (0xc3) in it, and makes N getppid calls whose return
 * address is that byte: libc's getppid returns into FILE, whose `ret`
 * returns here. Stack attribution counts the calls for FILE, although
 * nothing of FILE ran but that one instruction; --per-process shows which
 * process made them (test/cases/forged_return_address.sh).
 * Usage: forge_return FILE N
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* getppid "called" from fake_ret: a jump with a forged return address
 * below the real one. The red zone below rsp is left alone. */
static void forged_getppid(const void *fake_ret)
{
	__asm__ volatile(
		"sub $128, %%rsp\n\t"
		"lea 1f(%%rip), %%rax\n\t"
		"push %%rax\n\t"
		"push %0\n\t"
		"jmp *%1\n"
		"1:\n\t"
		"add $128, %%rsp\n\t"
		: : "r"(fake_ret), "r"((void *)getppid)
		: "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory", "cc");
}

int main(int argc, char **argv)
{
	struct stat st;
	const unsigned char *map, *ret;
	int fd, n;

	if (argc != 3)
		return 2;
	n = atoi(argv[2]);
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		perror(argv[1]);
		return 1;
	}
	map = mmap(NULL, st.st_size, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	ret = memchr(map, 0xc3, st.st_size);
	if (!ret) {
		fprintf(stderr, "%s: no ret byte\n", argv[1]);
		return 1;
	}
	for (int i = 0; i < n; i++)
		forged_getppid(ret);
	return 0;
}
