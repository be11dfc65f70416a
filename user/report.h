/* SPDX-License-Identifier: MIT */
/* Reports of a run: the human table and the seed-shaped JSON. */
#ifndef SYSO_KAGG_REPORT_H
#define SYSO_KAGG_REPORT_H

#include <stdio.h>

#include "results.h"

void report__print_table(FILE *f, const struct results *r);
/* Every counter of shared/stats.h, one per line (-v). */
void report__print_stats(FILE *f, const struct results *r);
/* The seed's shape: {"/path": {"nr": count, ...}, ...}. malloc'ed text. */
char *report__json(const struct results *r);

#endif
