/* SPDX-License-Identifier: MIT */
/*
 * The kernel's error numbers, for what BPF helpers return (negative), in
 * one place. vmlinux.h carries types, not macros: the UAPI header holds
 * only #defines, so it sits beside it without clashes.
 */
#ifndef SYSO_KAGG_ERRNO_BPF_H
#define SYSO_KAGG_ERRNO_BPF_H

#include <asm-generic/errno.h>
#include "../shared/stats.h"

/* A syscall's return value in -MAX_ERRNO..-1 is an error (linux/err.h). */
#define MAX_ERRNO	4095

/*
 * The error a map helper (bpf_map_update_elem, ...) returned. Before
 * Linux 6.4 the map ops return int and the verifier turns the helper into
 * a direct call of the op, so on a 64-bit JIT the upper half of the
 * result is not the sign: -E2BIG came back as 4294967289 on 6.1 (seen in
 * the kernel matrix: every loss of a full count map named "failed").
 * Only the low 32 bits are the error.
 */
static __always_inline int map_errno(long ret)
{
	return (int)ret;
}

/*
 * The stat that names why a map insert failed (err: what
 * bpf_map_update_elem returned), from the map's four of SYSO_INSERT_STATS
 * (shared/stats.h), given its first, NAME_FULL. A hash map refuses a new
 * key with E2BIG only when full; a map without preallocation also fails
 * with ENOMEM when its allocator's cache is empty, which more room would
 * not cure.
 */
static __always_inline enum syso_stat insert_loss(long err, enum syso_stat full)
{
	switch (map_errno(err)) {
	case -E2BIG:
		return full;
	case -ENOMEM:
		return full + 1;
	case -EBUSY:		/* 6.1: the bucket is locked on this CPU */
	case -EDEADLK:		/* 6.15+: rqspinlock found a deadlock */
	case -ETIMEDOUT:	/* 6.15+: rqspinlock gave up waiting */
		return full + 2;
	}
	return full + 3;
}

#endif
