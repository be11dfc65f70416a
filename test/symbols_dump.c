// SPDX-License-Identifier: MIT
/*
 * symbols_dump [-m MIB] FILE [OFF...]: read FILE's symbols as the tool
 * does (user/symbols.c, within an object-data budget of MIB, default the
 * tool's), then print the budget's figures and, per file offset OFF, the
 * length of the name covering it and its distance ("-" if none). For
 * test/cases/object_limits_symbols_budget.sh: what a table costs.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "symbols.h"
#include "debug_files.h"
#include "elf_file.h"

static void print_budget(const char *when)
{
	struct elf_file_stats s;

	elf_file__stats(&s);
	printf("%s: used %llu peak %llu refused %llu\n", when, (unsigned long long)s.used,
	       (unsigned long long)s.peak, (unsigned long long)s.refused);
}

int main(int argc, char **argv)
{
	struct symbols *s;
	int i = 1, fd;

	if (argc > 2 && !strcmp(argv[1], "-m")) {
		elf_file__set_budget(strtoull(argv[2], NULL, 0) << 20);
		i = 3;
	}
	if (i >= argc) {
		fputs("usage: symbols_dump [-m MIB] FILE [OFF...]\n", stderr);
		return 2;
	}
	debug_files__set_dir("/nonexistent/symbols_dump");
	fd = open(argv[i], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(argv[i]);
		return 1;
	}
	s = symbols__open_fd(fd);
	print_budget("open");
	for (i++; i < argc; i++) {
		__u64 delta;
		const char *name = symbols__lookup(s, strtoull(argv[i], NULL, 0), &delta);

		if (name)
			printf("%s %zu +%llu\n", argv[i], strlen(name), (unsigned long long)delta);
		else
			printf("%s -\n", argv[i]);
	}
	print_budget("lookups");
	symbols__close(s);
	close(fd);
	print_budget("close");
	return 0;
}
