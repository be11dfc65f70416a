// SPDX-License-Identifier: MIT
/*
 * The tool's parsers and escapers on their own, for the make-check cases
 * (test/cases/parse_*.sh, escape_*.sh, syscall_names_*.sh): each
 * subcommand feeds its argument to the same user/ code the tool links and
 * prints what came out, so that a case compares it exactly. Needs neither
 * root nor BPF.
 *
 *   parse_dump trace-set SET     the -e trace= bitmap: "x86_64 NAME" and
 *                                "i386 NAME" (or "ABI #NR" without a
 *                                name) per set bit; the parser's status
 *   parse_dump trace-sets SET... each SET as trace-set does, after a line
 *                                "= SET" ("refused N" for a refusal)
 *   parse_dump options ARG...    options__parse on ARGs: "field value"
 *                                lines; its status (0 = go on)
 *   parse_dump names             "x86_64 NR NAME" and "i386 NR NAME" for
 *                                every number syscalls__name names
 *   parse_dump escape-c|escape-utf8|escape-folded STRING
 *                                the escaped bytes, then a newline
 *   parse_dump object-path FLAGS DELETED COMPONENT...
 *                                objects__path of a record as the kernel
 *                                writes it: the components leaf first,
 *                                each NUL-terminated while path[] has
 *                                room (the last may fill it without one);
 *                                FLAGS: "-" or truncated,deleted,pseudo;
 *                                DELETED: 1, 0 or -1 (the kernel's flag)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/counts.h"
#include "options.h"
#include "syscall_filter.h"
#include "syscalls.h"
#include "escape.h"
#include "shared/objects.h"
#include "objects.h"

static int trace_set(const char *set)
{
	__u64 bits[FILTER_WORDS];
	char buf[64];
	unsigned int b;
	int err = syscall_filter__parse(set, bits);

	if (err)
		return err;
	for (b = 0; b < 2 * FILTER_ABI_BITS; b++) {
		unsigned int nr = b % FILTER_ABI_BITS;
		const char *abi = b < FILTER_ABI_BITS ? "x86_64" : "i386";
		const char *name;

		if (!(bits[b / 64] & (1ull << (b % 64))))
			continue;
		name = syscalls__name(b < FILTER_ABI_BITS ? nr : nr | COUNT_NR_COMPAT,
				      buf, sizeof(buf));
		if (!strncmp(name, "i386:", 5))
			name += 5;
		if (!strncmp(name, "syscall_", 8))
			printf("%s #%u\n", abi, nr);
		else
			printf("%s %s\n", abi, name);
	}
	return 0;
}

static const char *const formats[] = { "json", "full", "table", "openmetrics", "folded" };
static const char *const sorts[] = { "count", "name", "errors", "time" };

static int options(int argc, char **argv)
{
	struct options o;
	int err = options__parse(&o, argc, argv), i;

	printf("status %d\n", err);
	if (err >= 0)
		return err;
	printf("format %s\noutput %s\nquiet %d\nsort %s\n", formats[o.format],
	       o.output ? o.output : "-none-", o.quiet, sorts[o.sort]);
	printf("max_objects %u\nmax_mirrors %u\nmax_counts %u\nmax_object_mib %u\n",
	       o.max_objects, o.max_mirrors, o.max_counts, o.max_object_mib);
	printf("sample %u\ndepth %u\ntop %u\ntop_set %d\ninterval %u\nduration %u\n",
	       o.sample_every, o.depth, o.top, o.top_set, o.interval, o.duration);
	printf("errors %d\ntime %d\nhist %d\nsites %d\nper_process %d\nwalker_scan %d\n",
	       o.errors, o.time, o.hist, o.sites, o.per_process, o.walker_scan);
	printf("trace %s\n", o.trace_filter ? o.trace_set : "-none-");
	for (i = 0; i < o.nr_skip_libs; i++)
		printf("skip_lib %s\n", o.skip_libs[i]);
	for (i = 0; i < o.nr_pids; i++)
		printf("pid %d\n", o.pids[i]);
	if (o.listen_addr)
		printf("listen %s port %u\n", o.listen_addr, o.listen_port);
	for (i = 0; i < o.argc; i++)
		printf("argv %s\n", o.argv[i]);
	return 0;
}

static void names(void)
{
	char buf[64];
	unsigned int nr;

	for (nr = 0; nr < FILTER_ABI_BITS; nr++) {
		const char *n = syscalls__name(nr, buf, sizeof(buf));

		if (strncmp(n, "syscall_", 8))
			printf("x86_64 %u %s\n", nr, n);
		n = syscalls__name(nr | COUNT_NR_COMPAT, buf, sizeof(buf));
		if (strncmp(n, "i386:syscall_", 13))
			printf("i386 %u %s\n", nr, n + 5);
	}
}

static int escape(const char *how, const char *s)
{
	char *u;

	if (!strcmp(how, "escape-c")) {
		escape__fputs_c(stdout, s);
	} else if (!strcmp(how, "escape-folded")) {
		escape__fputs_folded(stdout, s);
	} else {
		if (!(u = escape__utf8(s)))
			return 70;
		fputs(u, stdout);
		free(u);
	}
	putchar('\n');
	return 0;
}

static int object_path(const char *flags, const char *deleted, int n, char **comp)
{
	static struct obj_info info;
	size_t at = 0, l;
	char *path;
	int i;

	if (strstr(flags, "truncated"))
		info.flags |= OBJ_F_PATH_TRUNCATED;
	if (strstr(flags, "deleted"))
		info.flags |= OBJ_F_DELETED;
	if (strstr(flags, "pseudo"))
		info.flags |= OBJ_F_PSEUDO;
	for (i = 0; i < n && at < OBJ_PATH_BYTES; i++) {
		l = strlen(comp[i]);
		if (l > OBJ_PATH_BYTES - at)
			l = OBJ_PATH_BYTES - at;
		memcpy(info.path + at, comp[i], l);
		at += l;
		if (at < OBJ_PATH_BYTES)
			info.path[at++] = 0;
	}
	info.path_len = at;
	if (!(path = objects__path(&info, atoi(deleted))))
		return 70;
	puts(path);
	free(path);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "trace-set"))
		return trace_set(argv[2]);
	if (argc >= 2 && !strcmp(argv[1], "trace-sets")) {
		/* one process for hundreds of sets: the name round trip */
		for (int i = 2; i < argc; i++) {
			int err;

			printf("= %s\n", argv[i]);
			fflush(stdout);
			if ((err = trace_set(argv[i])))
				printf("refused %d\n", err);
		}
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "options"))
		return options(argc - 1, argv + 1);
	if (argc == 2 && !strcmp(argv[1], "names")) {
		names();
		return 0;
	}
	if (argc == 3 && !strncmp(argv[1], "escape-", 7) &&
	    (!strcmp(argv[1], "escape-c") || !strcmp(argv[1], "escape-utf8") ||
	     !strcmp(argv[1], "escape-folded")))
		return escape(argv[1], argv[2]);
	if (argc >= 4 && !strcmp(argv[1], "object-path"))
		return object_path(argv[2], argv[3], argc - 4, argv + 4);
	fprintf(stderr, "usage: parse_dump trace-set SET | options ARG... | names | "
		"escape-c|escape-utf8|escape-folded STRING | "
		"object-path FLAGS DELETED COMPONENT...\n");
	return 2;
}
