/* SPDX-License-Identifier: MIT */
/*
 * Counters that tell the truth about the tool itself: how each syscall was
 * attributed, and every "could not" on the BPF side. One X-macro so that the
 * enum (both sides) and the names (userspace) cannot drift apart.
 * X(enum suffix, json name, description)
 */
#ifndef SYSO_KAGG_STATS_H
#define SYSO_KAGG_STATS_H

/* Fixed-width types: vmlinux.h on the BPF side, UAPI in userspace. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/*
 * A failed map insert, by the reason the kernel gave (kern/errno.bpf.h):
 * the map is full (E2BIG), or it is not and the insert failed anyway: no
 * kernel memory at hand for a map that is not preallocated (ENOMEM: its
 * allocator's per-CPU cache was empty, a burst of inserts or memory
 * pressure), its bucket lock busy (EBUSY on 6.1, EDEADLK or ETIMEDOUT from
 * 6.15's resilient lock), anything else. Raising the map's --max-* helps
 * only the first. The four stay in this order: insert_loss() adds an
 * offset to NAME_FULL.
 */
#define SYSO_INSERT_STATS(X, NAME, name, lost, map) \
	X(NAME##_FULL, name "_full", lost ": " map " full") \
	X(NAME##_NOMEM, name "_nomem", lost ": " map " insert found no kernel memory at hand (ENOMEM, the map not full)") \
	X(NAME##_BUSY, name "_busy", lost ": " map " insert found its bucket lock busy (EBUSY, EDEADLK or ETIMEDOUT, the map not full)") \
	X(NAME##_FAILED, name "_failed", lost ": " map " insert failed with another kernel error")

#define SYSO_STATS(X) \
	X(SYSCALLS, "syscalls", "syscalls seen from traced tasks") \
	X(WALK_DIRECT, "walk_direct", "made directly by a non-skipped object") \
	X(WALK_CFI, "walk_cfi", "caller found by unwinding with .eh_frame tables") \
	X(WALK_SCAN, "walk_scan", "caller found by the stack scan (the last resort, a heuristic: no usable unwind row or table)") \
	X(WALK_CFI_NO_TABLE, "walk_cfi_no_table", "skipped object without unwind table: stack scan used") \
	X(WALK_DEFERRED, "walk_deferred", "skipped object without unwind table yet: the stack copied, unwound in userspace once its table was built (the outcome is counted then; the fallback, the scan of the copy, counts walk_cfi_no_table)") \
	X(WALK_DEFER_CUT, "walk_defer_cut", "deferred walks that needed stack beyond the copy (the walk left the copied stacks): counted for the skipped object") \
	X(WALK_DEFER_FULL, "walk_defer_full", "deferred walks not sent: ring buffer full, the stack scanned at once (walk_cfi_no_table)") \
	X(CFI_BY_BUILD_ID, "cfi_by_build_id", "skipped objects given a loaded table by their build-id, in the kernel") \
	X(WALK_CFI_NO_ROW, "walk_cfi_no_row", "pc without a usable unwind row: stack scan used") \
	X(WALK_DEPTH_LIMIT, "walk_depth_limit", "unwinding stopped at the frame limit: counted for the skipped object") \
	X(WALK_NEW_OBJECTS_LIMIT, "walk_new_objects_limit", "unwinding stopped after interning 8 objects new to the tool in one walk: counted for the skipped object") \
	X(WALK_NO_FRAME, "walk_no_frame", "no caller outside skipped objects: counted for the skipped object") \
	X(WALK_STACK_UNREADABLE, "walk_stack_unreadable", "user stack unreadable: counted for the skipped object") \
	X(WALK_VFORK_PARENT, "walk_vfork_parent", "vfork/posix_spawn children before exec with no caller of their own: walked from the waiting parent's stack (also counted in its outcome)") \
	X(WALK_MAP_FULL, "walk_map_full", "made in libc or a skipped object of an address space not mirrored (map full): counted for [unattributed: map full]") \
	X(MIRROR_MISSING, "mirror_missing", "syscalls of address spaces without a mirror (map full): pcs looked up with bpf_find_vma, calls made in skipped objects counted for [unattributed: map full]") \
	X(MIRROR_MISS, "mirror_miss", "exact answers not kept in the mirror: another CPU was changing it, or a mapping change came between") \
	X(MIRROR_INSERTS, "mirror_inserts", "executable ranges inserted into a mirror after an exact bpf_find_vma lookup") \
	X(MIRROR_TRIMS, "mirror_trims", "mirrored ranges removed because a mapping call (or a new unwind table) touched them") \
	X(MIRROR_CHANGES, "mirror_changes", "mapping changes applied to a mirror") \
	X(MIRROR_LOOKUP_BUSY, "mirror_lookup_busy", "exact lookups lost: the mmap lock stayed held for writing through a 20 us wait (the pc counted as unattributed)") \
	X(MIRROR_LOOKUP_WAITS, "mirror_lookup_waits", "exact lookups that found the mmap lock held for writing and waited for it (at most 20 us) rather than lose the answer") \
	X(MIRROR_RACES, "mirror_races", "mirror lookups that met a change on another CPU: looked up exactly instead") \
	X(UNATTRIBUTED, "unattributed", "syscalls whose pc is in no executable mapping") \
	X(COMPAT_SYSCALLS, "compat_syscalls", "32-bit syscalls: counted with numbers of the i386 table") \
	SYSO_INSERT_STATS(X, COUNTS, "counts", "syscalls lost", "count map") \
	X(COUNTS_UNSPLIT, "counts_unsplit", "--per-process: syscalls counted under pid 0, their process's entry could not be allocated") \
	SYSO_INSERT_STATS(X, OBJECTS, "objects", "objects not interned", "object table") \
	SYSO_INSERT_STATS(X, MIRRORS, "mirrors", "address spaces not mirrored", "mirror map") \
	X(MIRROR_RANGES_FULL, "mirror_ranges_full", "executable ranges not mirrored: range array full") \
	X(MIRROR_BUSY, "mirror_busy", "mirror writes that waited too long for another CPU's: applied at a later syscall") \
	X(MIRROR_BUILDS, "mirror_builds", "mirrors created (exec, fork, first sight with -p)") \
	X(MIRROR_RESYNCS, "mirror_resyncs", "mirror updates at syscall entry (after a mapping call, another thread's, or a new unwind table)") \
	X(MIRROR_CLEARS, "mirror_clears", "mirrors emptied whole: a mapping call whose change could not be noted (--sample, task storage full)") \
	X(MIRROR_FREES, "mirror_frees", "mirrors freed at address-space teardown") \
	X(PATH_TRUNCATED, "path_truncated", "object paths too long or deep to store whole") \
	X(TASKS_FOLLOWED, "tasks_followed", "tasks (processes and threads) that joined the traced tree") \
	X(TASKS_EXITED, "tasks_exited", "traced tasks that exited") \
	X(TASKS_LOST, "tasks_lost", "new tasks not followed: pid beyond the task bit array") \
	X(OBJ_EVENTS_LOST, "obj_events_lost", "object sightings not sent to userspace: ring buffer full (asked again at the next sighting)") \
	X(EXITS_LOST, "exits_lost", "syscalls whose errors/time were not tracked: task storage full") \
	SYSO_INSERT_STATS(X, PROCS, "procs", "processes without a name in --per-process", "process table") \
	SYSO_INSERT_STATS(X, HIST, "hist", "syscall times not in a --hist histogram", "histogram map") \
	X(CHAIN_WALKS, "chain_walks", "--depth: syscalls whose call chain was unwound past the first frame") \
	X(CHAIN_NO_TABLE, "chain_no_table", "--depth: chains cut before N frames at an object without unwind table") \
	X(CHAIN_NO_ROW, "chain_no_row", "--depth: chains cut before N frames at a pc without a usable unwind row") \
	X(CHAIN_UNREADABLE, "chain_unreadable", "--depth: chains cut before N frames: user stack unreadable") \
	X(CHAIN_NOT_FOLLOWED, "chain_not_followed", "--depth: chains of one frame: the first frame was found by the stack scan, nothing to unwind from") \
	X(CHAIN_NEW_OBJECTS_LIMIT, "chain_new_objects_limit", "--depth: chains cut after interning 8 objects new to the tool") \
	SYSO_INSERT_STATS(X, CHAINS, "chains", "--depth: syscalls counted by their first frame only", "chain table") \
	X(CHAIN_TABLE_REQUESTS, "chain_table_requests", "--depth: unwind tables asked of userspace for objects met in chains")

enum syso_stat {
#define SYSO_STAT_ENUM(name, json, desc) STAT_##name,
	SYSO_STATS(SYSO_STAT_ENUM)
#undef SYSO_STAT_ENUM
	STAT_NR
};

#endif
