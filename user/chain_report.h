/* SPDX-License-Identifier: MIT */
/* --depth: call chains in the table, in --format full, and as folded
 * stacks (--format folded, for flame graphs). */
#ifndef SYSO_KAGG_CHAIN_REPORT_H
#define SYSO_KAGG_CHAIN_REPORT_H

#include <stdio.h>
#include <cjson/cJSON.h>

#include "results.h"

/* The table's chain section: per object (in the table's order), its top
 * r->top chains, innermost frame first. */
void chain_report__print_table(FILE *f, const struct results *r);
/* o's chains as "chains": [...] in o's --format full object. 0 or -1. */
int chain_report__add_json(cJSON *obj, const struct results *r, const struct object_result *o);
/* Brendan Gregg's folded stacks: one line per (chain, syscall), root-most
 * frame first, ';' between frames, the syscall as the leaf, then a space
 * and the count. Without --depth and --sites, one frame: the object. */
void chain_report__print_folded(FILE *f, const struct results *r);

#endif
