// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for user/options.c: the input split on NUL bytes is the
 * command line after "syso-kagg". options__parse() must return (never exit),
 * with a documented status, and on success leave options that are in range
 * and a target argv that points into the command line. Built and run by
 * `make fuzz` (its messages go to closed fds: -close_fd_mask=3).
 */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shared/limits.h"
#include "shared/objects.h"
#include "exit_codes.h"
#include "options.h"

#define MAX_ARGS 128

static void check(const struct options *o, int ret, int argc, char **argv)
{
	if (ret == 0 || ret == EXIT_USAGE)
		return;
	if (ret != -1)
		abort();
	if (o->max_objects < OBJ_FIRST_FILE + 1 || o->max_objects > 1u << 20 ||
	    o->max_mirrors < 1 || o->max_mirrors > 1u << 20 ||
	    o->max_counts < 1 || o->max_counts > 1u << 24 ||
	    o->sample_every < 1 || o->sample_every > 1000000)
		abort();
	if (o->format != FORMAT_JSON && o->format != FORMAT_FULL && o->format != FORMAT_TABLE &&
	    o->format != FORMAT_OPENMETRICS)
		abort();
	if (o->format != FORMAT_JSON && !o->output)
		abort();	/* --format only with -o */
	if ((o->sort == SORT_ERRORS && !o->errors) || (o->sort == SORT_TIME && !o->time))
		abort();
	if (o->user && (!*o->user || options__attaches(o)))
		abort();
	if (o->subreaper && options__attaches(o))
		abort();
	if (o->interval > 86400)
		abort();
	if (o->output && !*o->output)
		abort();
	if (o->nr_skip_libs < 0 || o->nr_skip_libs > SKIP_LIBS_MAX)
		abort();
	for (int i = 0; i < o->nr_skip_libs; i++)
		if (!*o->skip_libs[i] || o->skip_libs[i][strlen(o->skip_libs[i]) - 1] == '/' ||
		    strlen(strrchr(o->skip_libs[i], '/') ? strrchr(o->skip_libs[i], '/') + 1 :
			   o->skip_libs[i]) >= SKIP_NAME_BYTES)
			abort();
	if (o->nr_pids < 0 || o->nr_pids > OPTIONS_MAX_PIDS)
		abort();
	for (int i = 0; i < o->nr_pids; i++)
		if (o->pids[i] < 1 || o->pids[i] > 1 << 22 || (o->pids[i] == 1 && !o->force))
			abort();
	if (!!o->nr_pids + o->all + !!o->cgroup > 1 || (o->cgroup && !*o->cgroup))
		abort();	/* one of -p, -a, --cgroup */
	if ((o->descendants && !o->nr_pids) || (o->duration && !options__attaches(o)))
		abort();
	if (o->listen_addr && (!*o->listen_addr || o->listen_port < 1))
		abort();
	if (options__attaches(o)) {
		if (o->argv || o->argc)
			abort();
		return;
	}
	/* a PROGRAM: a non-empty tail of the command line */
	if (o->argc < 1 || o->argc >= argc || o->argv != argv + (argc - o->argc) ||
	    o->argv[o->argc])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[MAX_ARGS + 2];
	struct options opts;
	int argc = 0, ret;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	argv[argc++] = "syso-kagg";
	for (size_t i = 0; i <= size && argc <= MAX_ARGS; ) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	optind = 0;	/* glibc: start over, forget the previous argv */
	ret = options__parse(&opts, argc, argv);
	check(&opts, ret, argc, argv);
	free(buf);
	return 0;
}
