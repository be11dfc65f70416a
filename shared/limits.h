/* SPDX-License-Identifier: MIT */
/*
 * Capacities and fixed sizes that the BPF programs and userspace must agree on.
 * Map capacities that a user may change at run time are defaults here; the
 * fixed-size arrays inside map values are compile-time limits.
 */
#ifndef SYSO_KAGG_LIMITS_H
#define SYSO_KAGG_LIMITS_H

/* Fixed-width types: vmlinux.h on the BPF side, UAPI in userspace. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Executable ranges mirrored per address space. Typical programs have 5-50;
 * a large Python or Java process can have a few hundred. */
#define MIRROR_MAX_RANGES	512

/* A mapped object's path is stored leaf-first as NUL-separated components
 * (the kernel walks dentries upward); userspace reverses them. */
#define OBJ_PATH_BYTES		1024
#define OBJ_NAME_BYTES		256	/* one path component, NAME_MAX + 1 */
#define OBJ_PATH_DEPTH		32	/* components walked before giving up */

/* Names of objects treated like libc (skipped by the walker). */
#define SKIP_NAME_BYTES		64
/* The skip_names set (kern/maps.bpf.h) holds, for libc and for each
 * --skip-lib, the name given and the name of the file it resolves to
 * (libstdc++.so.6 -> libstdc++.so.6.0.30; user/skipped_libs.c). */
#define SKIP_LIBS_MAX		31	/* --skip-lib options at most */
#define SKIP_NAMES_PER_LIB	2
#define SKIP_NAMES_MAX		((SKIP_LIBS_MAX + 1) * SKIP_NAMES_PER_LIB)	/* + libc's */

/* Address spaces whose mirror did not fit, and objects that did not fit
 * in the intern table: LRU sets that remember each refusal so that it is
 * counted (mirrors_full, objects_full) and retried once, not at every
 * syscall. An evicted entry costs one more retry and one more count. */
#define MIRRORS_REFUSED_MAX	1024
#define OBJECTS_REFUSED_MAX	1024

/* The obj_events ring buffer, in bytes: room for one event per object at
 * once (OBJ_EVENT_RING_BYTES each with the ring's header), a power of two
 * of pages, at least OBJ_EVENTS_MIN_BYTES (userspace sizes it from
 * --max-objects: user/tracer.c). */
#define OBJ_EVENT_RING_BYTES	64
#define OBJ_EVENTS_MIN_BYTES	65536

/* Default map capacities (options can change them). */
#define DEFAULT_MAX_OBJECTS	4096	/* distinct mapped files */
#define DEFAULT_MAX_MIRRORS	8192	/* live traced address spaces */
#define DEFAULT_MAX_COUNTS	65536	/* (object, syscall) pairs */

/* Heuristic stack scan: how far above the user sp it looks, in chunks.
 * printf to an unbuffered stream puts an 8 KiB buffer on the stack. */
#define SCAN_CHUNK_BYTES	512
#define SCAN_MAX_BYTES		16384

/* Derived capacities: what the code that uses them assumes. */
_Static_assert((MIRROR_MAX_RANGES & (MIRROR_MAX_RANGES - 1)) == 0,
	       "the mirror's search and index mask need a power of two (kern/mirror.bpf.h)");
_Static_assert(OBJ_NAME_BYTES < OBJ_PATH_BYTES, "a path holds at least one component");
_Static_assert(SCAN_CHUNK_BYTES >= 8 && (SCAN_CHUNK_BYTES & (SCAN_CHUNK_BYTES - 1)) == 0,
	       "the scan aligns its chunks with SCAN_CHUNK_BYTES - 1 (kern/walk.bpf.h)");
_Static_assert(SCAN_MAX_BYTES % SCAN_CHUNK_BYTES == 0, "the scan reads whole chunks");
_Static_assert((OBJ_EVENTS_MIN_BYTES & (OBJ_EVENTS_MIN_BYTES - 1)) == 0 &&
	       OBJ_EVENTS_MIN_BYTES % 4096 == 0,
	       "a ring buffer is a power of two of pages");
_Static_assert(SKIP_NAMES_MAX >= (SKIP_LIBS_MAX + 1) * SKIP_NAMES_PER_LIB,
	       "skip_names holds libc's names and every --skip-lib's");

#endif
