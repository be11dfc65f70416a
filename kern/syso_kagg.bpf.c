// SPDX-License-Identifier: MIT
/*
 * syso-kagg's BPF programs. The concerns live in headers (maps, objects,
 * mirror, walk); this file holds only the attach points:
 *   - sys_enter: the hot path, attribute and count one syscall;
 *   - sched_process_fork/exec/exit: follow the traced process tree;
 *   - exit_mmap: free the mirror of an address space that is gone.
 * The mirror follows mapping syscalls from sys_enter (see mirror.bpf.h:
 * fentry/fexit are refused on the kernel we target).
 * One .bpf.c rather than one per concern: all programs share every map, and
 * a single compilation unit avoids extern map declarations in each file.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "maps.bpf.h"
#include "objects.bpf.h"
#include "mirror.bpf.h"
#include "walk.bpf.h"
#include "chain.bpf.h"
#include "walk32.bpf.h"
#include "caller.bpf.h"
#include "targets.bpf.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

#define TS_COMPAT_FLAG	0x0002

static __always_inline void count_add(struct count_key *key)
{
	struct count_val *val, one = { .calls = 1 };
	long err;

	val = bpf_map_lookup_elem(&counts, key);
	if (val) {
		val->calls++;
		return;
	}
	err = bpf_map_update_elem(&counts, key, &one, BPF_NOEXIST);
	if (!err)
		return;
	/* Lost a race with another CPU's insert (EEXIST), or a loss. */
	val = bpf_map_lookup_elem(&counts, key);
	if (val) {
		val->calls++;
		return;
	}
	/*
	 * --per-process: a burst of new processes can outrun the allocator
	 * of the (not preallocated) map. Count the call without its process
	 * rather than lose it: the object's and syscall's totals stay exact.
	 * The key is changed for sys_exit too.
	 */
	if (per_process && key->pid) {
		key->pid = 0;
		key->pid_start = 0;
		val = bpf_map_lookup_elem(&counts, key);
		if (val)
			val->calls++;
		else
			err = bpf_map_update_elem(&counts, key, &one, BPF_NOEXIST);
		if (val || !err) {
			stat_inc(STAT_COUNTS_UNSPLIT);
			return;
		}
	}
	/* the reason of the last refusal: full, or no memory at hand, ... */
	stat_inc(insert_loss(err, STAT_COUNTS_FULL));
}

/* The word of pid's bits and the shift of its TRACED bit. */
static __always_inline __u64 *task_word(__u32 pid, __u32 *shift)
{
	__u32 idx = pid / TASK_PIDS_PER_WORD;

	*shift = 2 * (pid % TASK_PIDS_PER_WORD);
	return bpf_map_lookup_elem(&task_bits, &idx);
}

static __always_inline bool task_traced(__u32 pid)
{
	__u32 shift;
	__u64 *w = task_word(pid, &shift);

	return w && ((*w >> shift) & TASK_BIT_TRACED);
}

/* false (and tasks_lost counted) when pid is beyond the bit array */
static __always_inline bool task_set(__u32 pid, __u64 bits)
{
	__u32 shift;
	__u64 *w = task_word(pid, &shift);

	if (!w) {
		stat_inc(STAT_TASKS_LOST);
		return false;
	}
	__sync_fetch_and_or(w, bits << shift);
	return true;
}

static __always_inline void task_clear(__u32 pid, __u64 bits)
{
	__u32 shift;
	__u64 *w = task_word(pid, &shift);

	if (w)
		__sync_fetch_and_and(w, ~(bits << shift));
}

/* A mapping call that --sample does not look at: whatever the task noted
 * before becomes "clear the whole mirror" at its next counted syscall. */
static __noinline void mirror_note_skipped(__u64 *w, __u32 shift)
{
	struct mirror_change *ch;

	if (!w)
		return;
	ch = bpf_task_storage_get(&mirror_changes, bpf_get_current_task_btf(), NULL, 0);
	if (ch && ch->valid) {
		ch->lo = 0;
		ch->hi = USER_TOP;
		ch->lo2 = ch->hi2 = 0;
	}
	__sync_fetch_and_or(w, TASK_BIT_RESYNC << shift);
}

/*
 * A compat task's mapping call as the x86_64 call that takes the same
 * arguments (i386 passes them in ebx, ecx, edx, esi, edi): its number; -1
 * for the two whose arguments the mirror cannot follow (the old mmap,
 * whose arguments sit in memory, and ipc, which multiplexes shmat and
 * shmdt): the mirror is emptied after them; 0 for any other call.
 */
static __always_inline long compat_mapping_nr(long id)
{
	switch (id) {
	case SYS32_mmap2: return SYS_mmap;
	case SYS32_mprotect: return SYS_mprotect;
	case SYS32_pkey_mprotect: return SYS_pkey_mprotect;
	case SYS32_munmap: return SYS_munmap;
	case SYS32_mremap: return SYS_mremap;
	case SYS32_shmat: return SYS_shmat;
	case SYS32_shmdt: return SYS_shmdt;
	case SYS32_remap_file_pages: return SYS_remap_file_pages;
	case SYS32_madvise: return SYS_madvise;
	case SYS32_mmap: case SYS32_ipc: return -1;
	}
	return 0;
}

/* The x86_64 number of a mapping call of this task's ABI (above), else 0. */
static __always_inline long mapping_call_nr(bool compat, long id)
{
	if (compat)
		return compat_mapping_nr(id);
	return is_mapping_call(id) ? id : 0;
}

/* --sample: is this the one syscall in sample_every to count on this CPU?
 * A skipped mapping call still marks the task for a mirror rebuild (without
 * the overlap test, to keep the skipped path short). */
static __always_inline bool sampled(__u64 *w, __u32 shift, bool compat, long id)
{
	__u32 zero = 0, *left = bpf_map_lookup_elem(&sample_countdown, &zero);

	if (left && *left > 0) {
		(*left)--;
		if (mapping_call_nr(compat, id))
			mirror_note_skipped(w, shift);
		return false;
	}
	if (left)
		*left = sample_every - 1;
	return true;
}

/* -e trace=SET: is this call in the set? A call left out that may change
 * the mappings still marks the task for a mirror update, as --sample does. */
static __always_inline bool traced_call(__u64 *w, __u32 shift, bool compat, long id)
{
	__u64 b = (__u64)id;

	if (b >= FILTER_ABI_BITS)
		return false;
	if (compat)
		b += FILTER_ABI_BITS;
	if ((trace_bits[(b / 64) & (FILTER_WORDS - 1)] >> (b % 64)) & 1)
		return true;
	if (mapping_call_nr(compat, id))
		mirror_note_skipped(w, shift);
	return false;
}

/*
 * Bring the mirror up to date before this syscall's lookups: apply the
 * task's own last mapping call (own), other threads' once the VMA tree's
 * sequence has moved, and drop table-less ranges after a new unwind table.
 * Returns 0, or -1 if another CPU held the mirror too long: the caller then
 * resolves every pc exactly for this syscall and tries again at the next.
 * Global: verified once.
 */
#define MAP_ANONYMOUS_FLAG	0x20

/*
 * The object of the file an executable mmap just mapped (fd still open at
 * the next syscall, as a loader closes it after mapping): the lazy mirror
 * would otherwise meet it only at its first call, and userspace can open an
 * object only while a process maps it. The event names no range (0-0):
 * userspace finds the mapping by (dev, ino) in /proc/TGID/maps.
 */
static __always_inline void intern_mapped_fd(struct task_struct *task, __u32 fd)
{
	struct file **fds = BPF_CORE_READ(task, files, fdt, fd);
	unsigned int max = BPF_CORE_READ(task, files, fdt, max_fds);
	struct file *file = NULL;
	struct obj_ref ref;

	if (fd >= max || bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]) || !file)
		return;
	obj_intern(file, task->tgid, 0, 0, &ref);
}

__noinline int mirror_sync(struct mirror *m, int own)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct mirror_change *ch;
	__u64 seq;

	if (!m)
		return -1;
	stat_inc(STAT_MIRROR_RESYNCS);
	if (own) {
		ch = bpf_task_storage_get(&mirror_changes, task, NULL, 0);
		if (ch && ch->valid) {
			if ((ch->lo < ch->hi || ch->lo2 < ch->hi2) &&
			    mirror_trim(m, ch->lo, ch->hi, ch->lo2, ch->hi2))
				return -1;
			if (ch->intern_fd1)
				intern_mapped_fd(task, ch->intern_fd1 - 1);
			ch->intern_fd1 = 0;
			ch->valid = 0;
			if (ch->counted) {
				ch->counted = 0;
				mirror_pending_done(m);
			}
		} else {
			/* a mapping call whose arguments were not noted */
			if (mirror_trim(m, 0, USER_TOP, 0, 0))
				return -1;
			stat_inc(STAT_MIRROR_CLEARS);
		}
	}
	seq = mirror_mm_seq(task->mm);
	if (m->pending && m->pending_seq != seq &&
	    mirror_trim(m, m->pending_lo, m->pending_hi, 0, 0) == 0)
		m->pending_seq = seq;
	if (m->cfi_gen != cfi_generation)
		mirror_cfi_refresh(m);
	return 0;
}

/* At a mapping call's sys_enter: note what it may change, for this task's
 * next syscall and (through the pending union) for the other threads.
 * Returns whether the task must apply a change at its next syscall. */
__noinline int mirror_note_call(struct mirror *m, long nr, struct call_args *args)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct mirror_change c = {}, *ch;
	bool noted, code_file;

	if (!m || !args)
		return 0;
	code_file = nr == SYS_mmap && (args->a[2] & PROT_EXEC_FLAG) &&
		    !(args->a[3] & MAP_ANONYMOUS_FLAG) && (__s32)args->a[4] >= 0;
	noted = mirror_note(m, nr, args, &c);
	if (!noted && !code_file)
		return 0;
	ch = bpf_task_storage_get(&mirror_changes, task, NULL,
				  BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!ch)
		return 1;	/* no place to note it: cleared whole at the next syscall */
	if (ch->valid) {
		/* the previous change is not applied yet (mirror busy): both */
		if (ch->counted)
			mirror_pending_done(m);
		c.lo = 0;
		c.hi = USER_TOP;
		c.lo2 = c.hi2 = 0;
	}
	*ch = c;
	ch->valid = 1;
	ch->intern_fd1 = code_file ? (__u32)args->a[4] + 1 : 0;
	ch->counted = noted ? mirror_pending_add(m, &c, mirror_mm_seq(task->mm)) : 0;
	return 1;
}

/* At a mapping call (nr: its x86_64 number, -1: arguments not followed),
 * note what it may change for the task's next syscall. */
static __always_inline void note_mapping_call(struct mirror *m, __u64 *w, __u32 shift,
					      struct pt_regs *regs, bool compat, long nr)
{
	struct mirror_cpu *cpu = mirror_cpu_scratch();

	if (!cpu || nr < 0) {
		mirror_note_skipped(w, shift);
		return;
	}
	cpu->args.a[0] = compat ? regs->bx : regs->di;
	cpu->args.a[1] = compat ? regs->cx : regs->si;
	cpu->args.a[2] = regs->dx;
	cpu->args.a[3] = compat ? regs->si : regs->r10;
	cpu->args.a[4] = compat ? regs->di : regs->r8;
	if (mirror_note_call(m, nr, &cpu->args))
		__sync_fetch_and_or(w, TASK_BIT_RESYNC << shift);
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 pid = (__u32)pid_tgid, nr = id, shift;
	struct task_struct *task;
	struct mirror *m, *mw;
	__u64 *w, bits, mm_key;
	struct count_key key = {};
	bool compat, code32;
	long mapping_nr;

	w = task_word(pid, &shift);
	if (!w)
		return 0;
	bits = *w >> shift;
	if (!(bits & TASK_BIT_TRACED) && !target_adopt(pid_tgid, w, shift))
		return 0;
	task = bpf_get_current_task_btf();
	compat = task->thread_info.status & TS_COMPAT_FLAG;
	if (trace_filter && !traced_call(w, shift, compat, id))
		return 0;
	if (sample_every > 1 && !sampled(w, shift, compat, id))
		return 0;
	stat_inc(STAT_SYSCALLS);
	mm_key = (__u64)task->mm;
	m = bpf_map_lookup_elem(&mirrors, &mm_key);
	if (!m) {
		/* a process attached with -p, or one refused for a passing
		 * reason (no memory at hand): filled lazily */
		__u8 *refused = bpf_map_lookup_elem(&mirrors_refused, &mm_key);

		if (!refused || *refused != MIRROR_REFUSED_FULL)
			m = mirror_create(mm_key);
	}
	mw = m;
	if (m && ((bits & TASK_BIT_RESYNC) || m->cfi_gen != cfi_generation ||
		  (m->pending && m->pending_seq != mirror_mm_seq(task->mm)))) {
		if (mirror_sync(m, bits & TASK_BIT_RESYNC))
			mw = NULL;	/* not up to date: exact lookups only */
		else if (bits & TASK_BIT_RESYNC)
			__sync_fetch_and_and(w, ~(TASK_BIT_RESYNC << shift));
	}

	if (compat) {
		nr |= COUNT_NR_COMPAT;
		stat_inc(STAT_COMPAT_SYSCALLS);
	}
	mapping_nr = mapping_call_nr(compat, id);
	if (mapping_nr)
		note_mapping_call(m, w, shift, regs, compat, mapping_nr);
	/* 32-bit code (a compat process; not a 64-bit one's int 0x80): 4-byte
	 * frames, the 32-bit vDSO (walk32.bpf.h) */
	code32 = compat && regs->cs == USER32_CS;
	key.obj_id = code32 ? walk_find_caller(task, mw, m != NULL, regs, true) :
		     walk_find_caller(task, mw, m != NULL, regs, false);
	key.nr = nr;
	if (per_process) {
		key.pid = pid_tgid >> 32;
		key.pid_start = task->group_leader->start_time;
	}
	/* a deferred walk: counted by userspace once unwound (count_deferred) */
	if (key.obj_id == OBJ_DEFERRED) {
		if (defer_send(task, &key))
			goto inflight;
		key.obj_id = walk_scan_tableless(mw);
	}
	if (per_site) {
		__u32 zero = 0;
		struct walk_state *st = bpf_map_lookup_elem(&walk_states, &zero);

		if (st)
			key.site = st->site;
	}
	if (chain_depth > 1)
		key.site = chain_walk(mw, key.obj_id);
	count_add(&key);
inflight:
	if (track_errors || track_time) {
		struct inflight *in = bpf_task_storage_get(&inflight, task, NULL,
							   BPF_LOCAL_STORAGE_GET_F_CREATE);

		if (in) {
			in->key = key;
			in->valid = 1;
			if (track_time)
				in->start_ns = bpf_ktime_get_ns();
		} else {
			stat_inc(STAT_EXITS_LOST);
		}
	}
	return 0;
}

/* floor(log2(v)) + 1 for v > 0, 0 for 0: the --hist slot of v ns. */
static __always_inline __u32 hist_slot(__u64 v)
{
	__u32 r = 1;

	if (!v)
		return 0;
	if (v >> 32) { v >>= 32; r += 32; }
	if (v >> 16) { v >>= 16; r += 16; }
	if (v >> 8) { v >>= 8; r += 8; }
	if (v >> 4) { v >>= 4; r += 4; }
	if (v >> 2) { v >>= 2; r += 2; }
	if (v >> 1)
		r += 1;
	return r < HIST_SLOTS ? r : HIST_SLOTS - 1;
}

static __always_inline void hist_add(const struct count_key *key, __u64 d)
{
	static const struct hist_val zero;
	struct hist_val *h = bpf_map_lookup_elem(&lat_hist, key);
	__u32 slot = hist_slot(d);
	long err;

	if (!h) {
		/* EEXIST: another CPU inserted it first; the lookup finds it */
		err = bpf_map_update_elem(&lat_hist, key, &zero, BPF_NOEXIST);
		h = bpf_map_lookup_elem(&lat_hist, key);
		if (!h) {
			stat_inc(insert_loss(err, STAT_HIST_FULL));
			return;
		}
	}
	if (slot < HIST_SLOTS)
		h->slots[slot]++;
}

/* --errors / -T: a call's error and time (d ns), added to its count. */
static __always_inline void exit_add(const struct count_key *key, long ret, __u64 d)
{
	struct count_val *val = bpf_map_lookup_elem(&counts, key);

	if (!val)
		return;
	if (track_errors && ret < 0 && ret >= -MAX_ERRNO)
		val->errors++;
	if (track_time) {
		val->ns += d;
		if (!val->min_ns || (d ? d : 1) < val->min_ns)
			val->min_ns = d ? d : 1;
		if (d > val->max_ns)
			val->max_ns = d;
		if (track_hist)
			hist_add(key, d);
	}
}

/*
 * --errors / -T: at the exit of a traced task's syscall, add its error
 * and its time to the count its entry went to. Loaded only with those
 * options: it runs for every syscall of the machine.
 */
SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
	__u32 pid = (__u32)bpf_get_current_pid_tgid(), shift;
	__u64 *w = task_word(pid, &shift);
	struct inflight *in;
	__u64 d = 0;

	if (!w || !((*w >> shift) & TASK_BIT_TRACED))
		return 0;
	in = bpf_task_storage_get(&inflight, bpf_get_current_task_btf(), NULL, 0);
	if (!in || !in->valid)
		return 0;
	in->valid = 0;
	if (track_time)
		d = bpf_ktime_get_ns() - in->start_ns;
	if (in->key.obj_id == OBJ_DEFERRED)
		defer_exit(in->key.site, ret, d);
	else
		exit_add(&in->key, ret, d);
	return 0;
}

/*
 * A deferred call, unwound by userspace (user/deferred.c): counted as
 * sys_enter and sys_exit would have, on the CPU this test run is on (the
 * per-CPU counts need no atomics: a raw tracepoint's test run holds the
 * CPU). Never attached.
 */
SEC("raw_tp")
int count_deferred(struct bpf_raw_tracepoint_args *ctx)
{
	union {
		struct deferred_answer a;
		__u64 w[sizeof(struct deferred_answer) / 8];
	} u;
	int i;

	_Pragma("unroll")
	for (i = 0; i < (int)(sizeof(u.w) / 8); i++)
		u.w[i] = ctx->args[i];
	if (u.a.outcome >= STAT_NR)
		return 0;
	stat_inc(u.a.outcome);
	if (u.a.reason < STAT_NR)
		stat_inc(u.a.reason);
	if (u.a.reason2 < STAT_NR)
		stat_inc(u.a.reason2);
	count_add(&u.a.key);
	if (u.a.has_exit)
		exit_add(&u.a.key, u.a.ret, u.a.ns);
	return 0;
}

#define PIDNS_MAX_LEVEL 32

/* The process's pid as its own pid namespace sees it (a container's pid
 * 1): the last of struct pid's numbers, one per namespace level. */
static __always_inline __u32 ns_tgid(struct task_struct *p)
{
	struct pid *tp = BPF_CORE_READ(p, group_leader, thread_pid);
	unsigned int level = BPF_CORE_READ(tp, level);
	struct upid up = {};

	if (level >= PIDNS_MAX_LEVEL)
		return 0;
	bpf_probe_read_kernel(&up, sizeof(up), (void *)tp +
			      bpf_core_field_offset(struct pid, numbers) +
			      level * bpf_core_type_size(struct upid));
	return up.nr;
}

/* --per-process: remember a process's name (at fork, then at each exec). */
static __always_inline void proc_note(struct task_struct *p)
{
	struct proc_info info = {};
	__u32 tgid = p->tgid;
	long err;

	info.ppid = BPF_CORE_READ(p, real_parent, tgid);
	info.start = BPF_CORE_READ(p, group_leader, start_time);
	info.ns_pid = ns_tgid(p);
	info.cgroup_id = BPF_CORE_READ(p, cgroups, dfl_cgrp, kn, id);
	bpf_probe_read_kernel_str(info.comm, sizeof(info.comm), p->comm);
	err = bpf_map_update_elem(&procs, &tgid, &info, BPF_ANY);
	if (err)
		stat_inc(insert_loss(err, STAT_PROCS_FULL));
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	if (!task_traced(parent->pid))
		return 0;
	/* only a task whose bit is set will lower live_tasks at its exit */
	if (!task_set(child->pid, TASK_BIT_TRACED))
		return 0;
	__sync_fetch_and_add(&live_tasks, 1);
	if (per_process && child->pid == child->tgid)
		proc_note(child);
	stat_inc(STAT_TASKS_FOLLOWED);
	/* A new address space (fork, not a thread or vfork): an empty mirror,
	 * filled by the child's own exact lookups (the parent's ranges would
	 * need checking: MADV_DONTFORK ones are not in the child). */
	if (child->mm != parent->mm)
		mirror_create((__u64)child->mm);
	return 0;
}

/* The kernel mapped the image, its interpreter and the vdso itself,
 * without mmap syscalls: a new mirror seeded with those three (exact
 * lookups of the current task, which is p). */
static __always_inline void mirror_seed(struct task_struct *p)
{
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(p);
	struct mm_struct *mm = p->mm;
	struct exec_range r;
	struct mirror *m;

	m = mirror_create((__u64)mm);
	if (!m)
		return;
	mirror_resolve(m, BPF_CORE_READ(mm, start_code), &r);
	mirror_resolve(m, BPF_CORE_READ(regs, ip), &r);	/* the interpreter's entry */
	mirror_resolve(m, (__u64)BPF_CORE_READ(mm, context.vdso), &r);
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sched_process_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 pid = p->pid, old = old_pid;

	if (task_traced(old)) {
		/* A non-leader thread that execs takes over the leader's pid. */
		if (old != pid) {
			task_clear(old, TASK_BIT_TRACED | TASK_BIT_RESYNC);
			task_set(pid, TASK_BIT_TRACED);
		}
	} else if (bpf_map_delete_elem(&pending_pids, &old) == 0) {
		/* The launcher's child becomes traced, and live, only once it
		 * is the target (its exit lowers live_tasks only then). */
		if (!task_set(pid, TASK_BIT_TRACED))
			return 0;
		__sync_fetch_and_add(&live_tasks, 1);
		stat_inc(STAT_TASKS_FOLLOWED);
	} else {
		return 0;
	}
	task_clear(pid, TASK_BIT_RESYNC);
	{
		/* a change noted in the old address space means nothing here */
		struct mirror_change *ch = bpf_task_storage_get(&mirror_changes, p, NULL, 0);

		if (ch)
			ch->valid = 0;
	}
	if (per_process)
		proc_note(p);
	mirror_seed(p);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sched_process_exit, struct task_struct *p)
{
	__u32 pid = p->pid;

	if (!task_traced(pid)) {
		/* a launched child that never became the target: never live */
		bpf_map_delete_elem(&pending_pids, &pid);
		return 0;
	}
	task_clear(pid, TASK_BIT_TRACED | TASK_BIT_RESYNC);
	/* --per-process: the process is gone once its last thread is (the
	 * count of live threads dropped before this tracepoint); userspace
	 * then folds its counts (user/fold.c) */
	if (per_process && BPF_CORE_READ(p, signal, live.counter) == 0) {
		__u32 tgid = p->tgid;
		struct proc_info *info = bpf_map_lookup_elem(&procs, &tgid);

		if (info)
			info->exited = 1;
	}
	stat_inc(STAT_TASKS_EXITED);
	__sync_fetch_and_add(&live_tasks, -1);
	return 0;
}

/* Every address space's teardown (exit, exec, last user gone): exact
 * freeing of its mirror, whichever task let go of it last. */
SEC("tp_btf/exit_mmap")
int BPF_PROG(exit_mmap, struct mm_struct *mm)
{
	__u64 key = (__u64)mm;

	if (bpf_map_delete_elem(&mirrors, &key) == 0)
		stat_inc(STAT_MIRROR_FREES);
	bpf_map_delete_elem(&mirrors_refused, &key);
	return 0;
}

#define PF_EXITING_FLAG	0x00000004

/* -p: the thread to mark and the answer (set and read by userspace). */
__u32 attach_tid = 0;
__s32 attach_ret = 0;

/*
 * -p: mark a running thread as traced. A task iterator program (Linux 5.8+;
 * userspace restricts it to the one thread where the kernel can, 6.1+), so
 * the task is held alive while we look at it. live_tasks is raised before
 * the bit is set, so that if the thread turns out to be exiting and we take
 * the bit back, whoever cleared it (we, or its own exit) lowers the count
 * once.
 */
SEC("iter/task")
int attach_task(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	__u64 *w, bit;
	__u32 shift;

	if (!task || task->pid != attach_tid)
		return 0;
	w = task_word(task->pid, &shift);
	if (!w)
		return 0;
	bit = TASK_BIT_TRACED << shift;
	__sync_fetch_and_add(&live_tasks, 1);
	if (__sync_fetch_and_or(w, bit) & bit) {
		__sync_fetch_and_add(&live_tasks, -1);	/* already traced */
		attach_ret = 0;
	} else if (task->flags & PF_EXITING_FLAG) {
		if (__sync_fetch_and_and(w, ~bit) & bit)
			__sync_fetch_and_add(&live_tasks, -1);
	} else {
		stat_inc(STAT_TASKS_FOLLOWED);
		if (per_process)
			proc_note(task);
		attach_ret = 0;
	}
	return 0;
}
