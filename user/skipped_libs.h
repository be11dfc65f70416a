/* SPDX-License-Identifier: MIT */
/*
 * The objects the walker steps through: the system's libc and each
 * --skip-lib NAME. Finds their files and loads their unwind tables before
 * the target runs; an object it cannot find or parse is walked by the
 * stack scan instead, and says so once on stderr.
 */
#ifndef SYSO_KAGG_SKIPPED_LIBS_H
#define SYSO_KAGG_SKIPPED_LIBS_H

struct tracer;
struct options;

void skipped_libs__load_tables(struct tracer *t, const struct options *opts);
/* After the run: warn about each --skip-lib no traced program mapped. */
void skipped_libs__check_met(struct tracer *t, const struct options *opts);
/* Load tables for unexpected skipped objects as the kernel meets them,
 * and with --depth for the objects its chains meet without one. */
void skipped_libs__watch(struct tracer *t);
/* --depth: the launched PROGRAM's table, before it runs (counted in the
 * chain table budget). */
void skipped_libs__load_program(struct tracer *t, const char *path, bool table);

#endif
