// SPDX-License-Identifier: MIT
/* Table (stderr) and JSON (-o) output of a run's results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "shared/counts.h"
#include "shared/objects.h"
#include "report.h"
#include "syscalls.h"
#include "version.h"
#include "symbols.h"
#include "summary.h"
#include "started_as.h"
#include "object_files.h"
#include "escape.h"
#include "chain_report.h"
#include "elf_file.h"

/* A map's failed inserts, one warning per reason (SYSO_INSERT_STATS). */
#define INSERT_LOSSES(NAME) \
	STAT_##NAME##_FULL, STAT_##NAME##_NOMEM, STAT_##NAME##_BUSY, STAT_##NAME##_FAILED

/* Stats that mean something was lost or guessed: always shown when set. */
static const int warn_stats[] = {
	STAT_MIRROR_MISSING, STAT_MIRROR_LOOKUP_BUSY, INSERT_LOSSES(COUNTS), STAT_COUNTS_UNSPLIT,
	INSERT_LOSSES(OBJECTS), INSERT_LOSSES(MIRRORS), STAT_MIRROR_RANGES_FULL, STAT_PATH_TRUNCATED,
	STAT_TASKS_LOST, STAT_WALK_STACK_UNREADABLE, STAT_WALK_MAP_FULL,
	INSERT_LOSSES(PROCS), STAT_OBJ_EVENTS_LOST, STAT_EXITS_LOST, INSERT_LOSSES(HIST),
	STAT_WALK_NEW_OBJECTS_LIMIT, INSERT_LOSSES(CHAINS), STAT_WALK_DEFER_CUT, STAT_WALK_DEFER_FULL,
};

void report__print_stats(FILE *f, const struct results *r)
{
	int i;

	for (i = 0; i < STAT_NR; i++)
		fprintf(f, "stat: %-24s %12llu  %s\n", results__stat_name(i),
			(unsigned long long)r->stats[i], results__stat_desc(i));
}

/* --sites and build-ids: read from the file held for the object (never
 * opened by its path); NULL when it is not available. */
static struct symbols *object_symbols(const struct results *r, __u32 id)
{
	return object_files__symbols(r->files, id);
}

/* The function that made a site's calls, and the return address's
 * offset from its start into *offset; NULL when no symbol covers it. */
static const char *site_symbol(const struct results *r, const struct site_result *sv,
			       __u64 *offset)
{
	return symbols__lookup_return(object_symbols(r, sv->obj_id), sv->site, offset);
}

/* "func+0x1f" or "+0xOFFSET" when no symbol covers the site. */
static void site_name(const struct results *r, const struct site_result *sv, char *buf,
		      size_t len)
{
	__u64 offset;
	const char *sym = site_symbol(r, sv, &offset);

	if (sym)
		snprintf(buf, len, "%s+0x%llx", sym, (unsigned long long)offset);
	else
		snprintf(buf, len, "+0x%llx", (unsigned long long)sv->site);
}

__u32 report__top(const struct options *opts, FILE *f)
{
	if (opts->top_set)
		return opts->top;
	return f && isatty(fileno(f)) ? REPORT_TTY_TOP : 0;
}

/* -S name orders the sites by syscall name too; other keys by calls (a
 * site has no errors or time of its own). */
static int cmp_site_name(const void *a, const void *b)
{
	const struct site_result *x = a, *y = b;
	char bx[48], by[48];
	int c = strcmp(syscalls__name(x->nr, bx, sizeof(bx)), syscalls__name(y->nr, by, sizeof(by)));

	if (c)
		return c;
	return x->calls != y->calls ? (x->calls < y->calls ? 1 : -1) :
	       x->site < y->site ? -1 : x->site > y->site;
}

static void print_sites(FILE *f, const struct results *r)
{
	size_t i, shown = r->top && r->top < r->nr_sites ? r->top : r->nr_sites;
	const struct site_result *v = r->sites_v;
	struct site_result *sorted = NULL;

	if (r->sort == SORT_NAME && (sorted = malloc(r->nr_sites * sizeof(*sorted)))) {
		memcpy(sorted, r->sites_v, r->nr_sites * sizeof(*sorted));
		qsort(sorted, r->nr_sites, sizeof(*sorted), cmp_site_name);
		v = sorted;
	}
	fprintf(f, "top call sites (first frame outside libc):\n");
	fprintf(f, "  %12s  ", "calls");
	if (r->per_process)	/* else rows of different processes look alike */
		fprintf(f, "%8s  ", "pid");
	fprintf(f, "%-16s %s\n", "syscall", "site");
	for (i = 0; i < shown; i++) {
		const struct site_result *sv = &v[i];
		char name[48], site[160];

		site_name(r, sv, site, sizeof(site));
		fprintf(f, "  %12llu  ", (unsigned long long)sv->calls);
		if (r->per_process)
			fprintf(f, "%8u  ", sv->pid);
		fprintf(f, "%-16s ", syscalls__name(sv->nr, name, sizeof(name)));
		escape__fputs_c(f, sv->object ? sv->object : "?");
		fputc(' ', f);
		escape__fputs_c(f, site);
		fputc('\n', f);
	}
	if (shown < r->nr_sites)
		fprintf(f, "  (%zu more site%s; --top 0 or --format full shows all)\n",
			r->nr_sites - shown, r->nr_sites - shown == 1 ? "" : "s");
	fputc('\n', f);
	free(sorted);
}

/* --per-process: "pid 4242 (ns pid 1) (nginx) [/system.slice/x.service] ":
 * the pid its own namespace sees when it differs, the cgroup when known. */
static void print_process(FILE *f, const struct object_result *o)
{
	fprintf(f, "pid %u ", o->pid);
	if (o->ns_pid && o->ns_pid != o->pid)
		fprintf(f, "(ns pid %u) ", o->ns_pid);
	fputc('(', f);
	escape__fputs_c(f, o->comm);
	fputs(") ", f);
	/* a path in brackets; cgroups__path's label for a cgroup it has no
	 * path for, "[cgroup ID]", as it is; "?" (not recorded): nothing */
	if (o->cgroup && *o->cgroup == '/') {
		fputc('[', f);
		escape__fputs_c(f, o->cgroup);
		fputs("] ", f);
	} else if (o->cgroup && *o->cgroup == '[') {
		escape__fputs_c(f, o->cgroup);
		fputc(' ', f);
	}
}

void report__print_table(FILE *f, const struct results *r)
{
	size_t i, blocks = r->top && r->top < r->nr_objs ? r->top : r->nr_objs;

	summary__print(f, r);
	for (i = 0; i < blocks; i++) {
		const struct object_result *o = &r->objs[i];

		/* names from the target: one row stays one line */
		if (r->per_process)
			print_process(f, o);
		escape__fputs_c(f, o->name);
		if (started_as__for(r, o)) {
			fputs(" (started as ", f);
			escape__fputs_c(f, started_as__for(r, o));
			fputc(')', f);
		}
		fprintf(f, "  %llu calls, %.2f%%\n", (unsigned long long)o->calls,
			r->calls ? 100.0 * o->calls / r->calls : 0.0);
		summary__print_rows(f, r, o->sys, o->nr_sys, o->calls);
		if (r->hist) {
			size_t j, rows = r->top && r->top < o->nr_sys ? r->top : o->nr_sys;

			for (j = 0; j < rows; j++)
				summary__print_hist(f, &o->sys[j]);
		}
		fputc('\n', f);
	}
	if (blocks < r->nr_objs)
		fprintf(f, "(%zu more object%s; --top 0 shows all)\n\n", r->nr_objs - blocks,
			r->nr_objs - blocks == 1 ? "" : "s");
	if (r->depth > 1 && r->nr_sites)
		chain_report__print_table(f, r);
	else if (r->sites && r->nr_sites)
		print_sites(f, r);
	if (r->trace_set)
		fprintf(f, "filtered: only -e trace=%s counted\n", r->trace_set);
	fprintf(f, "total: %llu calls in %zu objects, %llu tasks followed\n",
		(unsigned long long)r->calls, r->nr_objs,
		(unsigned long long)r->stats[STAT_TASKS_FOLLOWED]);
	report__print_warnings(f, r);
}

/* --depth: the chains that end before N frames, and why (the stats). */
static void print_chain_cuts(FILE *f, const struct results *r)
{
	static const int cut_stats[] = {
		STAT_CHAIN_NO_TABLE, STAT_CHAIN_NO_ROW, STAT_CHAIN_UNREADABLE,
		STAT_CHAIN_NOT_FOLLOWED, STAT_CHAIN_NEW_OBJECTS_LIMIT,
	};
	__u64 cut = 0;
	size_t i;

	for (i = 0; i < sizeof(cut_stats) / sizeof(cut_stats[0]); i++)
		cut += r->stats[cut_stats[i]];
	if (cut) {
		fprintf(f, "chains: %llu of %llu cut before %u frames (", (unsigned long long)cut,
			(unsigned long long)r->stats[STAT_CHAIN_WALKS], r->depth);
		for (i = 0; i < sizeof(cut_stats) / sizeof(cut_stats[0]); i++)
			if (r->stats[cut_stats[i]])
				fprintf(f, "%s%s %llu", i ? " " : "", results__stat_name(cut_stats[i]),
					(unsigned long long)r->stats[cut_stats[i]]);
		fputs(")\n", f);
	}
	if (r->chain_tables_refused)
		fprintf(f, "warning: %u objects met in chains got no unwind table: over the "
			"budget of %u (their chains end there)\n", r->chain_tables_refused,
			CHAIN_MAX_TABLES);
}

/* Reads of object files refused or cut by their budgets so far (each
 * named in a warning when it happened). */
static void print_object_data(FILE *f)
{
	struct elf_file_stats s;

	elf_file__stats(&s);
	if (s.refused)
		fprintf(f, "warning: %llu reads of object files refused or cut by their limits "
			"(named above; doc/resources.md)\n", (unsigned long long)s.refused);
}

/* "object_data" of the full JSON: after the objects' symbols were read. */
static void add_object_data(cJSON *root)
{
	cJSON *o = cJSON_AddObjectToObject(root, "object_data");
	struct elf_file_stats s;

	elf_file__stats(&s);
	cJSON_AddNumberToObject(o, "budget_bytes", (double)s.budget);
	cJSON_AddNumberToObject(o, "peak_bytes", (double)s.peak);
	cJSON_AddNumberToObject(o, "refused", (double)s.refused);
}

void report__print_warnings(FILE *f, const struct results *r)
{
	size_t i;

	if (r->sample_every > 1)
		fprintf(f, "sampled: 1 syscall in %u counted per CPU; counts are "
			"estimates (counted x %u)\n", r->sample_every, r->sample_every);
	if (r->sites && r->objects_unavailable == 1)
		fprintf(f, "warning: 1 object not available (its processes ended before "
			"syso-kagg could open it): no symbols or build-id\n");
	else if (r->sites && r->objects_unavailable)
		fprintf(f, "warning: %u objects not available (their processes ended before "
			"syso-kagg could open them): no symbols or build-id\n", r->objects_unavailable);
	if (r->depth > 1)
		print_chain_cuts(f, r);
	print_object_data(f);
	for (i = 0; i < sizeof(warn_stats) / sizeof(warn_stats[0]); i++) {
		int s = warn_stats[i];

		if (r->stats[s])
			fprintf(f, "warning: %llu %s (%s)\n", (unsigned long long)r->stats[s],
				results__stat_desc(s), results__stat_name(s));
	}
}

char *report__json(const struct results *r)
{
	cJSON *root = cJSON_CreateObject();
	char *text = NULL;
	size_t i, j;

	if (!root)
		return NULL;
	for (i = 0; i < r->nr_objs; i++) {
		const struct object_result *o = &r->objs[i];
		char *name = escape__utf8(o->name);
		/* with --per-process an object appears once per process: sum */
		cJSON *obj = name ? cJSON_GetObjectItemCaseSensitive(root, name) : NULL;

		if (name && !obj)
			obj = cJSON_AddObjectToObject(root, name);
		free(name);
		if (!obj)
			goto out;
		for (j = 0; j < o->nr_sys; j++) {
			char key[32];
			__u32 nr = o->sys[j].nr;
			cJSON *n;

			/* i386 numbers mean other calls: keep them apart */
			if (nr & COUNT_NR_COMPAT)
				snprintf(key, sizeof(key), "i386:%u", nr & ~COUNT_NR_COMPAT);
			else
				snprintf(key, sizeof(key), "%u", nr);
			n = cJSON_GetObjectItemCaseSensitive(obj, key);
			if (n)
				cJSON_SetNumberValue(n, n->valuedouble + (double)o->sys[j].calls);
			else if (!cJSON_AddNumberToObject(obj, key, (double)o->sys[j].calls))
				goto out;
		}
	}
	text = cJSON_Print(root);
out:
	cJSON_Delete(root);
	return text;
}

#define FULL_SCHEMA_VERSION 1

/* A string from the target (or the command line) as valid UTF-8. */
static cJSON *add_name(cJSON *obj, const char *key, const char *value)
{
	char *v = escape__utf8(value);
	cJSON *item = v ? cJSON_AddStringToObject(obj, key, v) : NULL;

	free(v);
	return item;
}

static cJSON *create_name(const char *value)
{
	char *v = escape__utf8(value);
	cJSON *item = v ? cJSON_CreateString(v) : NULL;

	free(v);
	return item;
}

/* --sites in --format full: the object's build-id and every call site. */
static int add_sites(cJSON *obj, const struct results *r, const struct object_result *o)
{
	cJSON *arr;
	size_t i;

	arr = cJSON_AddArrayToObject(obj, "sites");
	if (!arr)
		return -1;
	for (i = 0; i < r->nr_sites; i++) {
		const struct site_result *sv = &r->sites_v[i];
		cJSON *e;
		const char *sym;
		__u64 offset;
		char name[48];

		if (sv->object != o->name || sv->pid != o->pid)
			continue;
		e = cJSON_CreateObject();
		if (!e || !cJSON_AddItemToArray(arr, e))
			return cJSON_Delete(e), -1;
		cJSON_AddNumberToObject(e, "site", (double)sv->site);
		if ((sym = site_symbol(r, sv, &offset))) {
			add_name(e, "symbol", sym);
			cJSON_AddNumberToObject(e, "offset", (double)offset);
		}
		cJSON_AddNumberToObject(e, "nr", sv->nr & ~COUNT_NR_COMPAT);
		cJSON_AddStringToObject(e, "name", syscalls__name(sv->nr, name, sizeof(name)));
		cJSON_AddNumberToObject(e, "calls", (double)sv->calls);
	}
	return 0;
}

/* --hist: the non-empty slots, [{"from": ns, "to": ns, "count": n}], "to"
 * exclusive and absent for the last, open slot. */
static int add_hist_full(cJSON *e, const struct syscall_count *sc)
{
	cJSON *arr = cJSON_AddArrayToObject(e, "hist");
	int i;

	if (!arr)
		return -1;
	for (i = 0; i < HIST_SLOTS; i++) {
		cJSON *b;

		if (!sc->hist[i])
			continue;
		b = cJSON_CreateObject();
		if (!b || !cJSON_AddItemToArray(arr, b))
			return cJSON_Delete(b), -1;
		cJSON_AddNumberToObject(b, "from", i ? (double)(1ull << (i - 1)) : 0);
		if (i < HIST_SLOTS - 1)
			cJSON_AddNumberToObject(b, "to", (double)(1ull << i));
		cJSON_AddNumberToObject(b, "count", (double)sc->hist[i]);
	}
	return 0;
}

/* One syscalls[] entry of --format full (objects[] and summary[]). */
static cJSON *syscall_full(const struct results *r, const struct syscall_count *sc)
{
	cJSON *e = cJSON_CreateObject();
	char buf[48];

	if (!e)
		return NULL;
	cJSON_AddNumberToObject(e, "nr", sc->nr & ~COUNT_NR_COMPAT);
	if (sc->nr & COUNT_NR_COMPAT)
		cJSON_AddStringToObject(e, "abi", "i386");
	cJSON_AddStringToObject(e, "name", syscalls__name(sc->nr, buf, sizeof(buf)));
	cJSON_AddNumberToObject(e, "calls", (double)sc->calls);
	if (r->errors)
		cJSON_AddNumberToObject(e, "errors", (double)sc->errors);
	if (r->time) {
		cJSON_AddNumberToObject(e, "time_ns", (double)sc->ns);
		cJSON_AddNumberToObject(e, "min_ns", (double)sc->min_ns);
		cJSON_AddNumberToObject(e, "avg_ns", sc->calls ? (double)(sc->ns / sc->calls) : 0);
		cJSON_AddNumberToObject(e, "max_ns", (double)sc->max_ns);
	}
	if (r->hist && add_hist_full(e, sc))
		return cJSON_Delete(e), NULL;
	return e;
}

/* The summary block: per syscall over all objects (and processes). */
static cJSON *summary_full(const struct results *r)
{
	cJSON *arr = cJSON_CreateArray();
	struct syscall_count *v;
	size_t n, i;

	if (!arr || summary__build(r, &v, &n))
		return cJSON_Delete(arr), NULL;
	for (i = 0; i < n; i++) {
		cJSON *e = syscall_full(r, &v[i]);

		if (!e || !cJSON_AddItemToArray(arr, e)) {
			cJSON_Delete(e);
			cJSON_Delete(arr);
			arr = NULL;
			break;
		}
	}
	free(v);
	return arr;
}

static cJSON *objects_full(const struct results *r)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i, j;

	for (i = 0; arr && i < r->nr_objs; i++) {
		const struct object_result *o = &r->objs[i];
		cJSON *obj = cJSON_CreateObject(), *sys;

		if (!obj || !cJSON_AddItemToArray(arr, obj))
			return cJSON_Delete(obj), cJSON_Delete(arr), NULL;
		add_name(obj, "path", o->name);
		if (started_as__for(r, o))
			add_name(obj, "started_as", started_as__for(r, o));
		/* so that results can be symbolised on another machine */
		/* null when the file could not be held while mapped (not available) */
		if (o->file && o->available)
			cJSON_AddStringToObject(obj, "build_id", o->build_id ? o->build_id :
						symbols__build_id(object_symbols(r, o->id)));
		else if (o->file)
			cJSON_AddNullToObject(obj, "build_id");
		if (r->per_process) {
			cJSON_AddNumberToObject(obj, "pid", o->pid);
			add_name(obj, "comm", o->comm);
			if (o->ns_pid)
				cJSON_AddNumberToObject(obj, "ns_pid", o->ns_pid);
			if (o->cgroup && *o->cgroup)
				add_name(obj, "cgroup", o->cgroup);
		}
		cJSON_AddNumberToObject(obj, "calls", (double)o->calls);
		sys = cJSON_AddArrayToObject(obj, "syscalls");
		for (j = 0; sys && j < o->nr_sys; j++) {
			cJSON *e = syscall_full(r, &o->sys[j]);

			if (!e || !cJSON_AddItemToArray(sys, e))
				return cJSON_Delete(e), cJSON_Delete(arr), NULL;
		}
		if (r->depth > 1 ? chain_report__add_json(obj, r, o) :
		    r->sites && add_sites(obj, r, o))
			return cJSON_Delete(arr), NULL;
	}
	return arr;
}

char *report__json_full(const struct results *r, const struct run_facts *facts)
{
	cJSON *root = cJSON_CreateObject(), *tool, *cmd, *stats, *left, *objs;
	struct utsname uts;
	char when[64], *text = NULL;
	struct tm tm;
	int i;

	if (!root)
		return NULL;
	cJSON_AddNumberToObject(root, "schema_version", FULL_SCHEMA_VERSION);
	tool = cJSON_AddObjectToObject(root, "tool");
	cJSON_AddStringToObject(tool, "name", "syso-kagg");
	cJSON_AddStringToObject(tool, "version", SYSO_KAGG_VERSION);
	cmd = cJSON_AddArrayToObject(root, "command");
	for (i = 0; cmd && facts->argv && facts->argv[i]; i++)
		cJSON_AddItemToArray(cmd, create_name(facts->argv[i]));
	gmtime_r(&facts->start.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cJSON_AddStringToObject(root, "start_time", when);
	cJSON_AddNumberToObject(root, "duration_s", facts->duration_s);
	cJSON_AddNumberToObject(root, "exit_status", facts->exit_status);
	if (uname(&uts) == 0)
		cJSON_AddStringToObject(root, "kernel", uts.release);
	cJSON_AddNumberToObject(root, "sample_every", r->sample_every);
	if (r->trace_set)
		cJSON_AddStringToObject(root, "trace", r->trace_set);
	cJSON_AddBoolToObject(root, "per_process", r->per_process);
	cJSON_AddBoolToObject(root, "errors", r->errors);
	cJSON_AddBoolToObject(root, "time", r->time);
	cJSON_AddBoolToObject(root, "hist", r->hist);
	cJSON_AddBoolToObject(root, "sites", r->sites);
	cJSON_AddNumberToObject(root, "depth", r->depth);
	cJSON_AddNumberToObject(root, "calls", (double)r->calls);
	objs = summary_full(r);
	if (!objs)
		goto out;
	cJSON_AddItemToObject(root, "summary", objs);
	objs = objects_full(r);
	if (!objs)
		goto out;
	cJSON_AddItemToObject(root, "objects", objs);
	add_object_data(root);
	stats = cJSON_AddObjectToObject(root, "stats");
	for (i = 0; stats && i < STAT_NR; i++)
		cJSON_AddNumberToObject(stats, results__stat_name(i), (double)r->stats[i]);
	left = cJSON_AddObjectToObject(root, "unwind_tables");
	cJSON_AddNumberToObject(left, "loaded_while_running", r->tables_live);
	cJSON_AddNumberToObject(left, "failed", r->tables_failed);
	if (r->depth > 1) {
		cJSON_AddNumberToObject(left, "chain_tables", r->chain_tables);
		cJSON_AddNumberToObject(left, "chain_tables_refused", r->chain_tables_refused);
	}
	left = cJSON_AddObjectToObject(root, "maps_at_exit");
	cJSON_AddNumberToObject(left, "mirrors", (double)r->left_mirrors);
	cJSON_AddNumberToObject(left, "traced_tasks", (double)r->left_tasks);
	cJSON_AddNumberToObject(left, "pending_tasks", (double)r->left_pending);
	cJSON_AddNumberToObject(left, "objects", r->objects_interned);
	cJSON_AddNumberToObject(left, "objects_reclaimed", (double)r->objects_reclaimed);
	health__add_json(root, r);
	text = cJSON_Print(root);
out:
	cJSON_Delete(root);
	return text;
}

/* An OpenMetrics label value: made valid UTF-8 as in JSON, then backslash,
 * double quote and newline escaped. */
static void om_label(FILE *f, const char *name)
{
	char *buf = escape__utf8(name);
	const char *v = buf ? buf : "?";

	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fputc('\\', f);
		if (*v == '\n') {
			fputs("\\n", f);
			continue;
		}
		fputc(*v, f);
	}
	free(buf);
}

/* --per-process: pid, comm, ns_pid when its namespace sees another pid,
 * and cgroup when known. */
static void om_process_labels(FILE *f, const struct object_result *o)
{
	fprintf(f, ",pid=\"%u\",comm=\"", o->pid);
	om_label(f, o->comm);
	fputc('"', f);
	if (o->ns_pid && o->ns_pid != o->pid)
		fprintf(f, ",ns_pid=\"%u\"", o->ns_pid);
	if (o->cgroup && *o->cgroup) {
		fputs(",cgroup=\"", f);
		om_label(f, o->cgroup);
		fputc('"', f);
	}
}

/* {object, syscall, nr, abi[, process labels][, le]} of one (object,
 * syscall) sample; le is a histogram bucket's bound, or NULL. */
static void om_labels(FILE *f, const struct results *r, const struct object_result *o,
		      const struct syscall_count *sc, const char *le)
{
	char buf[48];

	fputs("{object=\"", f);
	om_label(f, o->name);
	fprintf(f, "\",syscall=\"%s\",nr=\"%u\",abi=\"%s\"", syscalls__name(sc->nr, buf, sizeof(buf)),
		sc->nr & ~COUNT_NR_COMPAT, sc->nr & COUNT_NR_COMPAT ? "i386" : "x86_64");
	if (r->per_process)
		om_process_labels(f, o);
	if (le)
		fprintf(f, ",le=\"%s\"", le);
	fputc('}', f);
}

/* Nanoseconds as seconds, exactly (no double rounding of large values),
 * into buf; returns buf. */
static const char *om_seconds(char buf[32], __u64 ns)
{
	snprintf(buf, 32, "%llu.%09llu", (unsigned long long)(ns / 1000000000u),
		 (unsigned long long)(ns % 1000000000u));
	return buf;
}

/* What one per-(object, syscall) family reports. */
enum om_value {
	OM_CALLS,
	OM_ERRORS,
	OM_SECONDS,	/* -T: total */
	OM_MIN,		/* -T: shortest call (none if no call was timed) */
	OM_MAX,		/* -T: longest call */
};

/* One sample name{labels} value for each (object, syscall). */
static void om_samples(FILE *f, const struct results *r, const char *name, enum om_value what)
{
	size_t i, j;

	for (i = 0; i < r->nr_objs; i++)
		for (j = 0; j < r->objs[i].nr_sys; j++) {
			const struct syscall_count *sc = &r->objs[i].sys[j];
			char buf[32];

			/* a min of 0 is none (results__merge_min_max) */
			if ((what == OM_MIN || what == OM_MAX) && !sc->min_ns)
				continue;
			fputs(name, f);
			om_labels(f, r, &r->objs[i], sc, NULL);
			fputc(' ', f);
			if (what == OM_CALLS || what == OM_ERRORS)
				fprintf(f, "%llu", (unsigned long long)(what == OM_CALLS ? sc->calls : sc->errors));
			else
				fputs(om_seconds(buf, what == OM_SECONDS ? sc->ns :
						 what == OM_MIN ? sc->min_ns : sc->max_ns), f);
			fputc('\n', f);
		}
}

/* The highest --hist slot with a count in any (object, syscall). */
static int om_hist_top(const struct results *r)
{
	int top = 0, k;
	size_t i, j;

	for (i = 0; i < r->nr_objs; i++)
		for (j = 0; j < r->objs[i].nr_sys; j++)
			for (k = HIST_SLOTS - 1; k > top; k--)
				if (r->objs[i].sys[j].hist[k]) {
					top = k;
					break;
				}
	return top;
}

/*
 * --hist as an OpenMetrics histogram: cumulative buckets. Slot k holds the
 * calls of [2^(k-1), 2^k) ns (slot 0: 0 ns), whole nanoseconds, so its
 * inclusive bound le is 2^k - 1 ns. Every series has the same buckets, up
 * to the highest slot used in the run, so that they can be summed by le;
 * the last, open slot is only in +Inf.
 */
static void om_hist(FILE *f, const struct results *r)
{
	int top = om_hist_top(r), k;
	size_t i, j;

	if (top > HIST_SLOTS - 2)
		top = HIST_SLOTS - 2;
	for (i = 0; i < r->nr_objs; i++)
		for (j = 0; j < r->objs[i].nr_sys; j++) {
			const struct object_result *o = &r->objs[i];
			const struct syscall_count *sc = &o->sys[j];
			__u64 below = 0;
			char le[32];

			for (k = 0; k < HIST_SLOTS; k++) {
				below += sc->hist[k];
				if (k > top)
					continue;
				fputs("syso_kagg_syscall_duration_seconds_bucket", f);
				om_labels(f, r, o, sc, om_seconds(le, (1ull << k) - 1));
				fprintf(f, " %llu\n", (unsigned long long)below);
			}
			fputs("syso_kagg_syscall_duration_seconds_bucket", f);
			om_labels(f, r, o, sc, "+Inf");
			fprintf(f, " %llu\n", (unsigned long long)below);
			fputs("syso_kagg_syscall_duration_seconds_count", f);
			om_labels(f, r, o, sc, NULL);
			fprintf(f, " %llu\n", (unsigned long long)below);
			/* the -T total: equal to the buckets' calls' time unless
			 * hist_full lost some of them (warned) */
			fputs("syso_kagg_syscall_duration_seconds_sum", f);
			om_labels(f, r, o, sc, NULL);
			fprintf(f, " %s\n", om_seconds(le, sc->ns));
		}
}

/* --errors, -T and --hist as their own families. */
static void om_extra(FILE *f, const struct results *r)
{
	if (r->errors) {
		fputs("# TYPE syso_kagg_syscall_errors counter\n"
		      "# HELP syso_kagg_syscall_errors System calls that returned an error.\n", f);
		om_samples(f, r, "syso_kagg_syscall_errors_total", OM_ERRORS);
	}
	if (r->time) {
		fputs("# TYPE syso_kagg_syscall_seconds counter\n"
		      "# UNIT syso_kagg_syscall_seconds seconds\n"
		      "# HELP syso_kagg_syscall_seconds Time from syscall entry to exit.\n", f);
		om_samples(f, r, "syso_kagg_syscall_seconds_total", OM_SECONDS);
		fputs("# TYPE syso_kagg_syscall_min_seconds gauge\n"
		      "# UNIT syso_kagg_syscall_min_seconds seconds\n"
		      "# HELP syso_kagg_syscall_min_seconds The shortest call, entry to exit.\n", f);
		om_samples(f, r, "syso_kagg_syscall_min_seconds", OM_MIN);
		fputs("# TYPE syso_kagg_syscall_max_seconds gauge\n"
		      "# UNIT syso_kagg_syscall_max_seconds seconds\n"
		      "# HELP syso_kagg_syscall_max_seconds The longest call, entry to exit.\n", f);
		om_samples(f, r, "syso_kagg_syscall_max_seconds", OM_MAX);
	}
	if (r->hist) {
		fputs("# TYPE syso_kagg_syscall_duration_seconds histogram\n"
		      "# UNIT syso_kagg_syscall_duration_seconds seconds\n"
		      "# HELP syso_kagg_syscall_duration_seconds Calls by time from entry to exit "
		      "(log2 buckets).\n", f);
		om_hist(f, r);
	}
}

/*
 * OpenMetrics text: one counter family of syscalls by (object, syscall),
 * and one of the tool's own counters; ends with "# EOF". Counts scaled by
 * --sample are estimates: the sample_every gauge says so.
 */
static void report_openmetrics(FILE *f, const struct results *r)
{
	int s;

	fputs("# TYPE syso_kagg_syscalls counter\n"
	      "# HELP syso_kagg_syscalls System calls, by the object file below libc that made them.\n", f);
	om_samples(f, r, "syso_kagg_syscalls_total", OM_CALLS);
	if (r->errors || r->time)
		om_extra(f, r);
	fputs("# TYPE syso_kagg_sample_every gauge\n"
	      "# HELP syso_kagg_sample_every One syscall in this many was counted; counts are scaled by it.\n", f);
	fprintf(f, "syso_kagg_sample_every %u\n", r->sample_every);
	fputs("# TYPE syso_kagg_tool_events counter\n"
	      "# HELP syso_kagg_tool_events How the tool attributed syscalls, and what it could not do.\n", f);
	for (s = 0; s < STAT_NR; s++)
		fprintf(f, "syso_kagg_tool_events_total{event=\"%s\"} %llu\n", results__stat_name(s),
			(unsigned long long)r->stats[s]);
	health__write_openmetrics(f, r);
	fputs("# EOF", f);
}

char *report__render(enum output_format f, const struct results *r,
		     const struct run_facts *facts)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	switch (f) {
	case FORMAT_JSON:
		return report__json(r);
	case FORMAT_FULL:
		return report__json_full(r, facts);
	case FORMAT_TABLE:
	case FORMAT_OPENMETRICS:
	case FORMAT_FOLDED:
		mem = open_memstream(&buf, &len);
		if (!mem)
			return NULL;
		if (f == FORMAT_TABLE)
			report__print_table(mem, r);
		else if (f == FORMAT_FOLDED)
			chain_report__print_folded(mem, r);
		else
			report_openmetrics(mem, r);
		if (fclose(mem)) {
			free(buf);
			return NULL;
		}
		/* drop the final newline: the caller adds one */
		if (len && buf[len - 1] == '\n')
			buf[len - 1] = 0;
		return buf;
	}
	return NULL;
}
