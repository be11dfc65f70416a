// SPDX-License-Identifier: MIT
/* syso-kagg: parse, start the tracer, run the target, report. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options.h"
#include "output.h"
#include "report.h"
#include "results.h"
#include "started_as.h"
#include "run.h"
#include "tracer.h"
#include "live.h"
#include "health.h"
#include "skipped_libs.h"
#include "exit_codes.h"
#include "debug_files.h"
#include "targets.h"
#include "elf_file.h"

/* The tables on stderr and the -o file; status, or the output's error. */
static int report(const struct options *opts, struct results *res,
		  const struct run_facts *facts, struct output *out, int status)
{
	char *json;
	size_t len;
	int err;

	res->top = report__top(opts, stderr);
	/* -q drops the table, never the word that counts were lost */
	if (!opts->quiet)
		report__print_table(stderr, res);
	else
		report__print_warnings(stderr, res);
	if (opts->verbose)
		report__print_stats(stderr, res);
	if (!opts->output)
		return status;
	/* a file gets every row unless --top says otherwise */
	res->top = report__top(opts, strcmp(opts->output, "-") ? NULL : stdout);
	json = report__render(opts->format, res, facts);
	if (!json) {
		fprintf(stderr, "syso-kagg: out of memory formatting the output\n");
		return EXIT_SOFTWARE;
	}
	len = strlen(json);
	json[len] = '\n';	/* replaces the NUL; length kept */
	if ((err = output__commit(out, json, len + 1)))
		status = err;
	free(json);
	return status;
}

int main(int argc, char **argv)
{
	struct output out = { .fd = -1, .dir_fd = -1 };
	struct run_facts facts = {};
	struct timespec t0, t1;
	struct run_result run = {};
	struct results res = {};
	struct options opts;
	struct tracer *t = NULL;
	int err, status;

	if ((err = options__parse(&opts, argc, argv)) >= 0)
		return err;
	if ((err = targets__check_pids(&opts)))
		return err;
	debug_files__set_dir(opts.debug_dir);
	elf_file__set_budget((__u64)opts.max_object_mib << 20);
	/* A closed stderr (the table piped into `head`) must not kill us
	 * before the -o file is written; the target gets SIGPIPE back. */
	signal(SIGPIPE, SIG_IGN);
	if ((err = tracer__start(&t, &opts)))
		return err;
	/* before attaching: a FIFO's open waits for its reader */
	if (opts.output && (err = output__prepare(&out, opts.output)))
		goto cleanup;
	skipped_libs__load_tables(t, &opts);
	if (!opts.walker_scan)
		skipped_libs__watch(t);
	if ((err = tracer__attach(t)) || (err = live__start(&opts, t)))
		goto cleanup;
	clock_gettime(CLOCK_REALTIME, &facts.start);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (options__attaches(&opts))
		err = run__attached(t, &opts, &run);
	else
		err = run__target(t, &opts, &run);
	if (err)
		goto cleanup;
	tracer__finish(t);
	status = run__exit_status(&run);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	facts.argv = options__attaches(&opts) ? NULL : opts.argv;
	facts.exit_status = status;
	facts.duration_s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	if ((err = results__collect(&res, t, &opts))) {
		fprintf(stderr, "syso-kagg: cannot read counts from BPF maps: %s\n", strerror(-err));
		err = EXIT_SOFTWARE;
		goto cleanup;
	}
	health__print_bpf_stats(stderr, &res);
	skipped_libs__check_met(t, &opts);
	res.trace_set = opts.trace_set;
	started_as__note(&res, run.started);
	err = report(&opts, &res, &facts, &out, status);
cleanup:
	/* --listen's clients are dropped after the -o file is written: the
	 * report never waits for one (and this never waits either) */
	live__stop();
	/* every path: nothing is left half-written (a no-op after a commit) */
	output__abort(&out);
	started_as__free(&res);
	results__free(&res);
	/* after the report: it reads symbols from the files the tracer holds */
	tracer__destroy(t);
	/* a no-op unless a run completed: the signals it held back */
	return run__release_signals(&run, err);
}
