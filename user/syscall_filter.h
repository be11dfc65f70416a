/* SPDX-License-Identifier: MIT */
/*
 * -e trace=SET, strace's syntax: [!]VALUE[,VALUE...], each VALUE a syscall
 * name, a %class (generated from strace: user/gen_syscall_classes.sh),
 * /regex (extended, on names), ?VALUE (no error if unknown), all or none.
 * The result is the bitmap the BPF program tests (shared/filter.h).
 */
#ifndef SYSO_KAGG_SYSCALL_FILTER_H
#define SYSO_KAGG_SYSCALL_FILTER_H

#include <linux/types.h>

#include "shared/filter.h"

/* Parse set into bits. 0, or EXIT_USAGE after printing one line. */
int syscall_filter__parse(const char *set, __u64 bits[FILTER_WORDS]);

#endif
