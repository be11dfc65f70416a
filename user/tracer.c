// SPDX-License-Identifier: MIT
/* BPF lifecycle: probe -> open -> configure -> load -> attach -> destroy. */
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "shared/limits.h"
#include "shared/objects.h"
#include "shared/tasks.h"
#include "shared/cfi.h"
#include "shared/chains.h"
#include "shared/counts.h"
#include "syso_kagg.skel.h"
#include "object_files.h"
#include "tracer.h"
#include "exit_codes.h"
#include "targets.h"
#include "health.h"
#include "deferred.h"
#include "deferred_drain.h"
#include "reclaim.h"

#define DEFAULT_BTF_PATH "/sys/kernel/btf/vmlinux"

struct tracer {
	struct syso_kagg_bpf *skel;
	struct tracer_maps maps;	/* set once loaded */
	struct ring_buffer *requests;	/* obj_events (deferred_walks: user/deferred_drain.c) */
	struct deferred *deferred;	/* stack copies waiting for a table */
	struct deferred_drain *drain;	/* its ring's thread */
	tracer_request_fn on_request;
	struct object_files *files;	/* descriptors of the objects, by id */
	struct obj_event *tables_due;	/* skipped objects held, tables to build */
	size_t nr_due, cap_due;
	__u32 tables_live, tables_failed;
	__u32 chain_tables;		/* --depth: tables asked for chains' objects */
	__u32 chain_tables_refused;	/* ... over the budget (CHAIN_MAX_TABLES) */
	struct reclaim *reclaim;	/* ids given back (NULL: never reused) */
	bool reclaim_wanted, per_process, build_ids;
	__u32 max_objects;
	int stats_fd;		/* keeps BPF run-time stats on while open */
	int cgroup_fd;		/* --cgroup's directory, or -1 */
};

static bool verbose;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (!verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* Effective capabilities, without libcap. */
static bool has_cap(int cap)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = {};

	if (syscall(SYS_capget, &hdr, data))
		return false;
	return data[cap / 32].effective & (1u << (cap % 32));
}

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

static int check_privileges(void)
{
	/* CAP_SYS_ADMIN: registering a task by pidfd in task storage and
	 * following every process need it in practice, like bpftrace. */
	if (has_cap(CAP_SYS_ADMIN) && (has_cap(CAP_BPF) || geteuid() == 0) &&
	    (has_cap(CAP_PERFMON) || geteuid() == 0))
		return 0;
	fprintf(stderr, "syso-kagg: must run as root (needs CAP_SYS_ADMIN, CAP_BPF and "
		"CAP_PERFMON to load tracing programs)\n");
	return EXIT_NOPERM;
}

/* Kernel functions and tracepoints the programs attach to or call, with
 * what a user should read when one is missing. Checked only after a load
 * failed (parsing the kernel's BTF costs ~20 ms and several MiB), to turn
 * the verifier's complaint into the name of the missing feature. */
static const struct {
	const char *name;
	int kind;
	const char *why;
} needed_btf[] = {
	{ "btf_trace_sys_enter", BTF_KIND_TYPEDEF, "the sys_enter tracepoint (tp_btf, Linux 5.5+)" },
	{ "btf_trace_sys_exit", BTF_KIND_TYPEDEF, "the sys_exit tracepoint (tp_btf, Linux 5.5+)" },
	{ "btf_trace_sched_process_fork", BTF_KIND_TYPEDEF, "the sched_process_fork tracepoint" },
	{ "btf_trace_sched_process_exec", BTF_KIND_TYPEDEF, "the sched_process_exec tracepoint" },
	{ "btf_trace_sched_process_exit", BTF_KIND_TYPEDEF, "the sched_process_exit tracepoint" },
	{ "btf_trace_exit_mmap", BTF_KIND_TYPEDEF, "the exit_mmap tracepoint (Linux 6.1+)" },
	{ "bpf_find_vma", BTF_KIND_FUNC, "the bpf_find_vma helper (Linux 5.17+)" },
	{ "bpf_loop", BTF_KIND_FUNC, "the bpf_loop helper (Linux 5.17+)" },
	{ "bpf_iter__task", BTF_KIND_STRUCT, "the task iterator (Linux 5.8+)" },
};

static int check_btf_names(const char *btf_path)
{
	struct btf *btf = btf__parse(btf_path, NULL);
	char msg[128];
	size_t i;

	if (!btf) {
		int err = errno;

		libbpf_strerror(err, msg, sizeof(msg));
		fprintf(stderr, "syso-kagg: cannot parse kernel BTF %s: %s\n", btf_path, msg);
		/* out of memory is ours, not a kernel that lacks something */
		return err == ENOMEM ? EXIT_SOFTWARE : EXIT_UNAVAILABLE;
	}
	for (i = 0; i < sizeof(needed_btf) / sizeof(needed_btf[0]); i++) {
		if (btf__find_by_name_kind(btf, needed_btf[i].name, needed_btf[i].kind) < 0) {
			fprintf(stderr, "syso-kagg: kernel lacks %s (%s not in BTF)\n",
				needed_btf[i].why, needed_btf[i].name);
			btf__free(btf);
			return EXIT_UNAVAILABLE;
		}
	}
	btf__free(btf);
	return 0;
}

static int check_kernel(const char **btf_path)
{
	const char *p = getenv("SYSO_KAGG_BTF");

	*btf_path = p && *p ? p : DEFAULT_BTF_PATH;
	if (access(*btf_path, R_OK)) {
		fprintf(stderr, "syso-kagg: kernel BTF not found at %s: %s (needs a kernel "
			"with CONFIG_DEBUG_INFO_BTF=y)\n", *btf_path, strerror(errno));
		return EXIT_UNAVAILABLE;
	}
	return 0;
}

/* Room for one event per object at once, a power of two of pages, at
 * least OBJ_EVENTS_MIN_BYTES (shared/limits.h). */
static __u32 events_bytes(__u32 max_objects)
{
	__u64 want = (__u64)max_objects * OBJ_EVENT_RING_BYTES, size = OBJ_EVENTS_MIN_BYTES;

	while (size < want && size < (1u << 30))
		size <<= 1;
	return size;
}

/*
 * A traced process's objects can be opened only while it lives, and a
 * short-lived one can run to its end before a woken tool of equal
 * priority gets a CPU. The lowest real-time priority lets the tool run as
 * soon as the kernel's event wakes it (it sleeps otherwise); RESET_ON_FORK
 * gives the target and every other child the normal policy back.
 */
static void prefer_tool(void)
{
	struct sched_param sp = { .sched_priority = 1 };

	sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp);
}

/* vm.mmap_min_addr: nothing can be mapped below it (at least page 1). */
static __u64 mmap_min_addr(void)
{
	unsigned long v = 4096;
	FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "re");

	if (f) {
		if (fscanf(f, "%lu", &v) != 1 || v < 4096)
			v = 4096;
		fclose(f);
	}
	return v;
}

static struct tracer_maps map_fds(const struct syso_kagg_bpf *skel, const struct options *opts)
{
	const typeof(skel->maps) *m = &skel->maps;

	return (struct tracer_maps){
		.counts = bpf_map__fd(m->counts),
		.hist = opts->hist ? bpf_map__fd(m->lat_hist) : -1,
		.procs = bpf_map__fd(m->procs),
		.stats = bpf_map__fd(m->stats),
		.mirrors = bpf_map__fd(m->mirrors),
		.task_bits = bpf_map__fd(m->task_bits),
		.pending = bpf_map__fd(m->pending_pids),
		.obj_ids = bpf_map__fd(m->obj_ids),
		.obj_infos = bpf_map__fd(m->obj_infos),
		.skip_names = bpf_map__fd(m->skip_names),
		.cfi_ids = bpf_map__fd(m->cfi_ids),
		.cfi_tables = bpf_map__fd(m->cfi_tables),
		.cfi_rows = bpf_map__fd(m->cfi_rows),
		.cfi_buckets = bpf_map__fd(m->cfi_buckets),
		.cfi_build_ids = bpf_map__fd(m->cfi_build_ids),
		.chains = bpf_map__fd(m->chains),
		.vdso_cfi_table = &skel->bss->vdso_cfi_table,
		.vdso32_cfi_table = &skel->bss->vdso32_cfi_table,
	};
}

/*
 * The count map is taken in full at start when that costs at most this
 * much kernel memory: the on-demand allocator loses inserts under load
 * (ENOMEM with the map far from full: 0.1-18% of 30 029 calls of 30 000
 * call sites with --sites on this 2-CPU machine at load 9, none when
 * preallocated, and a retry at once almost never helps). bpftool's memlock:
 * 96 + 40 B x CPUs per entry at 65536 (11 MiB, ~50 ms more start-up on 2
 * CPUs), 112 + 40 x CPUs when the buckets round up to a power of two. The
 * budget covers the default up to 8 CPUs; past it, such losses are counted
 * (counts_nomem).
 */
#define COUNTS_PREALLOC_BUDGET	(32ull << 20)
#define COUNTS_ENTRY_BYTES(cpus) (112ull + (unsigned long long)sizeof(struct count_val) * (cpus))

static bool counts_prealloc(const struct options *opts)
{
	int cpus = libbpf_num_possible_cpus();

	return cpus > 0 && opts->max_counts * COUNTS_ENTRY_BYTES(cpus) <= COUNTS_PREALLOC_BUDGET;
}

/* Map capacities from the options, between open and load. */
static void size_maps(struct syso_kagg_bpf *skel, const struct options *opts)
{
	bpf_map__set_max_entries(skel->maps.obj_ids, opts->max_objects);
	bpf_map__set_max_entries(skel->maps.obj_infos, opts->max_objects);
	bpf_map__set_max_entries(skel->maps.free_obj_ids, opts->max_objects);
	bpf_map__set_max_entries(skel->maps.obj_events, events_bytes(opts->max_objects));
	bpf_map__set_max_entries(skel->maps.mirrors, opts->max_mirrors);
	bpf_map__set_max_entries(skel->maps.counts, opts->max_counts);
	/* --per-process: keys come and go with processes (user/fold.c), and
	 * the no-prealloc allocator falls behind bursts of new processes
	 * (inserts fail with the map far from full: seen with fork50's 50
	 * children on a loaded machine, launched as well as attached): take
	 * the memory up front (max_counts x 40 B x CPUs) so that no call is
	 * lost; and without it, when that is affordable */
	if (opts->per_process || counts_prealloc(opts))
		bpf_map__set_map_flags(skel->maps.counts,
				       bpf_map__map_flags(skel->maps.counts) & ~BPF_F_NO_PREALLOC);
	bpf_map__set_max_entries(skel->maps.task_bits, TASK_DEFAULT_WORDS);
	/* its 64K buckets are 1 MiB of kernel memory: only when used */
	if (!opts->per_process)
		bpf_map__set_max_entries(skel->maps.procs, 1);
	/* 512 bytes per key and CPU: only when used */
	if (!opts->hist) {
		bpf_map__set_max_entries(skel->maps.lat_hist, 1);
	} else if (opts->per_process && options__attaches(opts)) {
		/* the same allocator bursts as counts above, at 512 B a key */
		bpf_map__set_max_entries(skel->maps.lat_hist,
					 opts->max_counts < HIST_PREALLOC_MAX_KEYS ?
					 opts->max_counts : HIST_PREALLOC_MAX_KEYS);
		bpf_map__set_map_flags(skel->maps.lat_hist,
				       bpf_map__map_flags(skel->maps.lat_hist) & ~BPF_F_NO_PREALLOC);
	} else {
		bpf_map__set_max_entries(skel->maps.lat_hist, opts->max_counts);
	}
	if (opts->depth > 1) {
		/* room for the tables of the objects met in chains */
		bpf_map__set_max_entries(skel->maps.cfi_rows, CFI_DEFAULT_MAX_ROWS * CHAIN_TABLE_SPACE);
		bpf_map__set_max_entries(skel->maps.cfi_buckets,
					 CFI_DEFAULT_MAX_BUCKETS * CHAIN_TABLE_SPACE);
	} else {
		bpf_map__set_max_entries(skel->maps.chains, 1);
	}
}

/* The programs' constants and which programs load, from the options. */
static void configure(struct syso_kagg_bpf *skel, const struct options *opts)
{
	skel->rodata->sample_every = opts->sample_every;
	skel->rodata->user_floor = mmap_min_addr();
	/* run on demand by -p, never attached for the whole machine */
	bpf_program__set_autoattach(skel->progs.attach_task, false);
	/* run by userspace for each deferred call it unwound */
	bpf_program__set_autoattach(skel->progs.count_deferred, false);
	skel->rodata->defer_walks = opts->depth <= 1 && !opts->walker_scan;
	skel->rodata->per_process = opts->per_process;
	skel->rodata->trace_filter = opts->trace_filter;
	memcpy((void *)skel->rodata->trace_bits, opts->trace_bits, sizeof(opts->trace_bits));
	/* --depth: the first frame is the site; the key's site holds a chain */
	skel->rodata->per_site = opts->sites || opts->depth > 1;
	skel->rodata->chain_depth = opts->depth;
	skel->rodata->track_errors = opts->errors;
	skel->rodata->track_time = opts->time;
	skel->rodata->track_hist = opts->hist;
	/* the exit program runs for every syscall of the machine: only when asked */
	bpf_program__set_autoload(skel->progs.sys_exit, opts->errors || opts->time);
}

/* Load, and give the kernel the --cgroup directory. 0 or an exit status. */
static int load(struct tracer *t, const char *btf_path)
{
	int err = syso_kagg_bpf__load(t->skel), exit_code;

	if (err && (exit_code = check_btf_names(btf_path)))
		return exit_code;
	if (err) {
		fprintf(stderr, "syso-kagg: cannot load BPF programs: %s (run with -v for "
			"the verifier's log)\n", strerror(-err));
		return EXIT_SOFTWARE;
	}
	if ((err = targets__install(t->skel, t->cgroup_fd))) {
		fprintf(stderr, "syso-kagg: cannot give the cgroup to BPF: %s\n", strerror(-err));
		return EXIT_SOFTWARE;
	}
	return 0;
}

int tracer__start(struct tracer **out, const struct options *opts)
{
	LIBBPF_OPTS(bpf_object_open_opts, open_opts);
	const char *btf_path;
	struct tracer *t;
	int err;

	verbose = opts->verbose;
	libbpf_set_print(libbpf_print);
	if ((err = check_privileges()) || (err = check_kernel(&btf_path)))
		return err;
	if (strcmp(btf_path, DEFAULT_BTF_PATH))
		open_opts.btf_custom_path = btf_path;

	t = calloc(1, sizeof(*t));
	if (!t)
		return EXIT_SOFTWARE;
	t->stats_fd = -1;
	t->cgroup_fd = -1;
	if (opts->bpf_stats) {
		t->stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
		if (t->stats_fd < 0) {
			fprintf(stderr, "syso-kagg: cannot enable BPF run-time stats: %s\n",
				strerror(errno));
			err = EXIT_UNAVAILABLE;
			goto fail;
		}
	}
	t->skel = syso_kagg_bpf__open_opts(&open_opts);
	if (!t->skel) {
		fprintf(stderr, "syso-kagg: cannot open BPF object: %s\n", strerror(errno));
		err = EXIT_SOFTWARE;
		goto fail;
	}
	size_maps(t->skel, opts);
	object_files__raise_nofile();
	prefer_tool();
	t->files = object_files__new(opts->max_objects + OBJ_FIRST_FILE);
	if (!t->files) {
		err = EXIT_SOFTWARE;
		goto fail;
	}
	configure(t->skel, opts);
	if ((err = targets__configure(t->skel, opts, &t->cgroup_fd)) || (err = load(t, btf_path)))
		goto fail;
	t->maps = map_fds(t->skel, opts);
	t->reclaim_wanted = reclaim__allowed(opts);
	/* as user/live.c folds exited processes: only runs that attach */
	t->per_process = opts->per_process && options__attaches(opts);
	t->build_ids = opts->format == FORMAT_FULL;
	t->max_objects = opts->max_objects;
	*out = t;
	return 0;
fail:
	tracer__destroy(t);
	return err;
}

/* Tell the kernel what became of its event: held (stop asking), or ask
 * again at the next sighting, or never (refused). */
static void obj_answer(struct tracer *t, const struct obj_event *ev, enum adopt_result res)
{
	struct obj_key key = { .dev = ev->dev, .ino = ev->ino };
	int fd = t->maps.obj_ids;
	struct obj_ref ref;

	if (bpf_map_lookup_elem(fd, &key, &ref) || ref.id != ev->obj_id)
		return;
	ref.flags &= ~OBJ_F_ASKED;
	if (res != ADOPT_GONE)
		ref.flags &= ~OBJ_F_WANT_FILE;
	bpf_map_update_elem(fd, &key, &ref, BPF_EXIST);
}

bool tracer__chain_table_budget(struct tracer *t, __u32 flags)
{
	if (!(flags & OBJ_F_WANT_TABLE))
		return false;	/* not met in a chain: no table wanted */
	if (t->chain_tables >= CHAIN_MAX_TABLES) {
		t->chain_tables_refused++;
		return false;
	}
	t->chain_tables++;
	return true;
}

void tracer__chain_tables(const struct tracer *t, __u32 *asked, __u32 *refused)
{
	*asked = t->chain_tables;
	*refused = t->chain_tables_refused;
}

/* The ring buffer's callback: open the file at once (its process may be
 * short-lived); building a table takes milliseconds, so it waits until the
 * other events are served. */
static int on_obj_event(void *ctx, void *data, size_t size)
{
	struct tracer *t = ctx;
	struct obj_event ev;
	enum adopt_result res;

	if (size < sizeof(ev))
		return 0;
	memcpy(&ev, data, sizeof(ev));
	res = object_files__adopt(t->files, &ev);
	obj_answer(t, &ev, res);
	if (res != ADOPT_OK || ev.cfi_table || !t->on_request)
		return 0;
	if (!(ev.flags & OBJ_F_SKIPPED) && !tracer__chain_table_budget(t, ev.flags))
		return 0;
	if (t->nr_due == t->cap_due) {
		size_t cap = t->cap_due ? 2 * t->cap_due : 8;
		struct obj_event *d = realloc(t->tables_due, cap * sizeof(*d));

		if (!d)
			return 0;	/* its frames stay scanned: walk_cfi_no_table */
		t->tables_due = d;
		t->cap_due = cap;
	}
	t->tables_due[t->nr_due++] = ev;
	return 0;
}

void tracer__on_table_request(struct tracer *t, tracer_request_fn fn)
{
	t->on_request = fn;
}

int tracer__events_fd(const struct tracer *t)
{
	return t->requests ? ring_buffer__epoll_fd(t->requests) : -1;
}

/* The obj_events ring now, and the tables it asked for. */
static void serve_events(void *ctx)
{
	struct tracer *t = ctx;
	size_t i;

	ring_buffer__consume(t->requests);
	for (i = 0; i < t->nr_due; i++)
		t->on_request(t, &t->tables_due[i]);
	t->nr_due = 0;
}

void tracer__handle_events(struct tracer *t)
{
	if (!t->requests)
		return;
	serve_events(t);
	if (t->deferred)
		deferred__resolve(t->deferred, false);
	reclaim__run(t->reclaim);
}

static void kick_drain(void *ctx)
{
	deferred_drain__kick(((struct tracer *)ctx)->drain);
}

/* Ids are given back once their objects are unmapped (user/reclaim.h)
 * where the options allow it; a run without goes on as before. */
static void reclaim_start(struct tracer *t)
{
	struct reclaim_env env = {
		.counts = t->maps.counts, .procs = t->maps.procs, .mirrors = t->maps.mirrors,
		.obj_ids = t->maps.obj_ids, .obj_infos = t->maps.obj_infos,
		.free_ids = bpf_map__fd(t->skel->maps.free_obj_ids),
		.defer_ring = t->deferred ? bpf_map__fd(t->skel->maps.deferred_walks) : -1,
		.next_obj_id = &t->skel->data->next_obj_id, .reused = &t->skel->bss->obj_ids_reused,
		.files = t->files, .deferred = t->deferred, .serve_events = serve_events, .kick_drain = kick_drain, .ctx = t,
	};

	if (!t->reclaim_wanted)
		return;
	t->reclaim = reclaim__new(&env, t->max_objects, t->per_process, t->build_ids);
	if (!t->reclaim)
		fprintf(stderr, "syso-kagg: warning: object ids will not be reused: %s\n",
			strerror(errno));
}

const struct reclaim *tracer__reclaim(const struct tracer *t)
{
	return t->reclaim;
}

void tracer__finish(struct tracer *t)
{
	__u64 lost;

	tracer__handle_events(t);
	if (!t->deferred)
		return;
	deferred_drain__stop(t->drain);
	deferred__resolve(t->deferred, true);
	lost = deferred__lost(t->deferred);
	if (lost)
		fprintf(stderr, "syso-kagg: warning: %llu syscalls lost: their deferred "
			"walks could not be counted\n", (unsigned long long)lost);
}

struct object_files *tracer__object_files(const struct tracer *t)
{
	return t->files;
}

void tracer__table_loaded(struct tracer *t, __u32 obj_id, bool ok)
{
	if (t->deferred)
		deferred__table_decided(t->deferred, obj_id);
	if (ok) {
		t->tables_live++;
		/* mirrors built before now rebuild at their next syscall */
		__atomic_add_fetch(&t->skel->bss->cfi_generation, 1, __ATOMIC_RELEASE);
	} else {
		t->tables_failed++;
	}
	/* the copies waiting in the ring for this table */
	deferred_drain__kick(t->drain);
}

void tracer__tables_live(const struct tracer *t, __u32 *loaded, __u32 *failed)
{
	*loaded = t->tables_live;
	*failed = t->tables_failed;
}

const struct tracer_maps *tracer__maps(const struct tracer *t)
{
	return &t->maps;
}

int tracer__attach(struct tracer *t)
{
	int err;

	t->requests = ring_buffer__new(bpf_map__fd(t->skel->maps.obj_events),
				       on_obj_event, t, NULL);
	if (!t->requests) {
		fprintf(stderr, "syso-kagg: cannot open the object event ring buffer: %s\n",
			strerror(errno));
		return EXIT_SOFTWARE;
	}
	if (t->skel->rodata->defer_walks &&
	    (!(t->deferred = deferred__new(&t->maps, bpf_program__fd(t->skel->progs.count_deferred),
					   t->skel->rodata->per_site)) ||
	     !(t->drain = deferred_drain__start(t->deferred,
						bpf_map__fd(t->skel->maps.deferred_walks),
						&t->skel->bss->defer_closed)))) {
		fprintf(stderr, "syso-kagg: cannot drain the deferred walks' ring buffer: %s\n",
			strerror(errno));
		return EXIT_SOFTWARE;
	}
	reclaim_start(t);
	err = syso_kagg_bpf__attach(t->skel);

	if (err) {
		fprintf(stderr, "syso-kagg: cannot attach BPF programs: %s\n", strerror(-err));
		return EXIT_SOFTWARE;
	}
	return 0;
}

int tracer__register(struct tracer *t, pid_t pid)
{
	__u32 key = pid;
	__u8 one = 1;

	if (bpf_map_update_elem(t->maps.pending, &key, &one, BPF_NOEXIST))
		return -errno;
	return 0;
}

/* Run the task iterator program over one thread (the kernel restricts it
 * to that thread from 6.1; elsewhere it visits all and the program picks). */
static int run_attach_iter(struct tracer *t, pid_t tid, bool one)
{
	DECLARE_LIBBPF_OPTS(bpf_iter_attach_opts, opts);
	union bpf_iter_link_info linfo = {};
	struct bpf_link *link;
	char buf[64];
	int fd, e = 0;
	ssize_t n;

	if (one) {
		linfo.task.tid = tid;
		opts.link_info = &linfo;
		opts.link_info_len = sizeof(linfo);
	}
	link = bpf_program__attach_iter(t->skel->progs.attach_task, &opts);
	if (!link)
		return -errno;
	fd = bpf_iter_create(bpf_link__fd(link));
	if (fd < 0) {
		e = -errno;
	} else {
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			;
		if (n < 0)
			e = -errno;
		close(fd);
	}
	bpf_link__destroy(link);
	return e;
}

int tracer__trace_thread(struct tracer *t, pid_t tid)
{
	int e;

	t->skel->bss->attach_tid = tid;
	t->skel->bss->attach_ret = -ESRCH;
	e = run_attach_iter(t, tid, true);
	if (e == -EINVAL)	/* a kernel without task iterator parameters */
		e = run_attach_iter(t, tid, false);
	if (e)
		return e;
	return t->skel->bss->attach_ret;
}

__u64 tracer__live_tasks(const struct tracer *t)
{
	return __atomic_load_n(&t->skel->bss->live_tasks, __ATOMIC_RELAXED);
}

__u32 tracer__objects_interned(const struct tracer *t)
{
	return t->skel->data->next_obj_id - OBJ_FIRST_FILE;
}

__u32 tracer__objects_in_use(const struct tracer *t)
{
	return t->reclaim ? reclaim__in_use(t->reclaim) : tracer__objects_interned(t);
}

int tracer__prog_usage(const struct tracer *t, struct prog_usage *out, int max)
{
	struct bpf_program *prog;
	int n = 0;

	if (t->stats_fd < 0)
		return 0;
	bpf_object__for_each_program(prog, t->skel->obj) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);

		if (n == max || bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len))
			continue;
		snprintf(out[n].name, sizeof(out[n].name), "%s", bpf_program__name(prog));
		out[n].runs = info.run_cnt;
		out[n].run_ns = info.run_time_ns;
		out[n].verified_insns = info.verified_insns;
		n++;
	}
	return n;
}

void tracer__destroy(struct tracer *t)
{
	if (!t)
		return;
	if (t->stats_fd >= 0)
		close(t->stats_fd);
	if (t->cgroup_fd >= 0)
		close(t->cgroup_fd);
	reclaim__free(t->reclaim);
	ring_buffer__free(t->requests);
	deferred_drain__free(t->drain);
	deferred__free(t->deferred);
	syso_kagg_bpf__destroy(t->skel);
	object_files__free(t->files);
	free(t->tables_due);
	free(t);
}
