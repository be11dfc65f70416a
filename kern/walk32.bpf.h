/* SPDX-License-Identifier: MIT */
/*
 * The walker for compat (i386, gcc -m32) tasks.
 */
#ifndef SYSO_KAGG_WALK32_BPF_H
#define SYSO_KAGG_WALK32_BPF_H

#include "walk.bpf.h"

/* The 32-bit vDSO's unwind table, set by userspace before the target runs
 * (user/vdso32.c; 0 = none). */
__u32 vdso32_cfi_table = 0;

#endif
