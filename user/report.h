/* SPDX-License-Identifier: MIT */
/* Reports of a run: the human table and the seed-shaped JSON. */
#ifndef SYSO_KAGG_REPORT_H
#define SYSO_KAGG_REPORT_H

#include <stdio.h>

#include <time.h>

#include "options.h"
#include "results.h"

/* Facts about the run for the full format. */
struct run_facts {
	char **argv;
	struct timespec start;		/* CLOCK_REALTIME at start */
	double duration_s;
	int exit_status;		/* what syso-kagg exits with */
};

/* The table: the summary over all objects, then one block per object
 * (per process too), then the call sites; r->top rows per block. */
void report__print_table(FILE *f, const struct results *r);
/* Rows per table block for a table written to f: --top N if given, else
 * REPORT_TTY_TOP on a terminal and all (0) otherwise (f NULL: a file). */
#define REPORT_TTY_TOP 20
__u32 report__top(const struct options *opts, FILE *f);
/* What was lost, unattributed or estimated, one "warning:"/"sampled:"
 * line each: printed with -q too. */
void report__print_warnings(FILE *f, const struct results *r);
/* Every counter of shared/stats.h, one per line (-v). */
void report__print_stats(FILE *f, const struct results *r);
/* The seed's shape: {"/path": {"nr": count, ...}, ...}. malloc'ed text. */
char *report__json(const struct results *r);
/* Versioned JSON with run facts, names, stats (doc/json-schema.md). */
char *report__json_full(const struct results *r, const struct run_facts *facts);
/* The -o file's content in format f; malloc'ed text or NULL. */
char *report__render(enum output_format f, const struct results *r,
		     const struct run_facts *facts);

#endif
