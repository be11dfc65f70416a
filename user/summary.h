/* SPDX-License-Identifier: MIT */
/*
 * The strace -c style summary: per syscall, summed over every object (and
 * process), and the rows of a table block, shared by the summary and the
 * per-object blocks.
 */
#ifndef SYSO_KAGG_SUMMARY_H
#define SYSO_KAGG_SUMMARY_H

#include <stdio.h>

#include "results.h"

/* Per-syscall totals over all objects, sorted like the per-object blocks
 * (results' -S key). *out is malloc'ed (NULL when there are no calls).
 * 0 or -ENOMEM. */
int summary__build(const struct results *r, struct syscall_count **out, size_t *n);

/* The column header and up to r->top rows (0 = all) of one block; total is
 * the block's calls (the % column). A last line says how many were left. */
void summary__print_rows(FILE *f, const struct results *r, const struct syscall_count *sys,
			 size_t n, __u64 total);

/* --hist: one syscall's histogram, bpftrace hist() style:
 * "  [4K, 8K)   12 |@@@@   |" from its first to its last non-empty slot. */
#define HIST_BAR 40
void summary__print_hist(FILE *f, const struct syscall_count *sc);

/* The summary block: "all objects  N calls" and its rows. */
void summary__print(FILE *f, const struct results *r);

#endif
