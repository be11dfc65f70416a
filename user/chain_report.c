// SPDX-License-Identifier: MIT
/* --depth's call chains in the table, --format full and --format folded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain_report.h"
#include "chains.h"
#include "escape.h"
#include "syscalls.h"

#define FRAME_NAME_BYTES	320

/* What the table and the folded stacks show for a chain cut short. */
static const char *end_text(__u32 end)
{
	const char *name = chains__end_name(end);
	static char buf[64];

	snprintf(buf, sizeof(buf), "[cut:%s]", name ? name : "?");
	return buf;
}

/* A --depth site row's chain: frames k->f[0, n), innermost first, and
 * how it ends (0, or a cut's CHAIN_END_*); k may point at one. */
struct chain_view {
	struct chain_key one;
	const struct chain_key *k;
	unsigned int n;
	__u32 end;
};

static void chain_view(const struct site_result *sv, struct chain_view *c)
{
	c->k = chains__of(sv, &c->one);
	c->n = chains__frames(c->k, &c->end);
}

static void print_chain_row(FILE *f, const struct results *r, const struct site_result *sv)
{
	char name[48], frame[FRAME_NAME_BYTES];
	struct chain_view c;

	chain_view(sv, &c);
	fprintf(f, "  %12llu  ", (unsigned long long)sv->calls);
	if (r->per_process)
		fprintf(f, "%8u  ", sv->pid);
	fprintf(f, "%-16s ", syscalls__name(sv->nr, name, sizeof(name)));
	for (unsigned int i = 0; i < c.n; i++) {
		chains__frame_name(r, &c.k->f[i], 1, frame, sizeof(frame));
		if (i)
			fputs(" < ", f);
		escape__fputs_c(f, frame);
	}
	if (c.end)
		fprintf(f, " < %s", end_text(c.end));
	fputc('\n', f);
}

void chain_report__print_table(FILE *f, const struct results *r)
{
	size_t i, j, blocks = r->top && r->top < r->nr_objs ? r->top : r->nr_objs;

	fprintf(f, "top call chains (--depth %u, innermost frame first, '<' = called by):\n",
		r->depth);
	fprintf(f, "  %12s  ", "calls");
	if (r->per_process)
		fprintf(f, "%8s  ", "pid");
	fprintf(f, "%-16s %s\n", "syscall", "chain");
	for (i = 0; i < blocks; i++) {
		const struct object_result *o = &r->objs[i];
		size_t shown = 0, more = 0;

		/* sites_v is sorted by calls: the object's first rows are its top */
		for (j = 0; j < r->nr_sites; j++) {
			const struct site_result *sv = &r->sites_v[j];

			if (sv->obj_id != o->id || sv->pid != o->pid)
				continue;
			if (r->top && shown == r->top) {
				more++;
				continue;
			}
			print_chain_row(f, r, sv);
			shown++;
		}
		if (more)
			fprintf(f, "  (%zu more chain%s of this object; --top 0 or --format full "
				"shows all)\n", more, more == 1 ? "" : "s");
	}
	fputc('\n', f);
}

static cJSON *frame_json(const struct results *r, const struct chain_frame *fr)
{
	cJSON *e = cJSON_CreateObject();
	char name[FRAME_NAME_BYTES], *v;

	if (!e)
		return NULL;
	for (size_t i = 0; i < r->nr_chain_objs; i++)
		if (r->chain_objs[i].id == fr->obj_id && (v = escape__utf8(r->chain_objs[i].name))) {
			cJSON_AddStringToObject(e, "object", v);
			free(v);
		}
	cJSON_AddNumberToObject(e, "offset", fr->off);
	chains__frame_name(r, fr, 1, name, sizeof(name));
	if ((v = escape__utf8(name))) {
		cJSON_AddStringToObject(e, "frame", v);
		free(v);
	}
	return e;
}

static cJSON *chain_json(const struct results *r, const struct site_result *sv)
{
	struct chain_key one;
	const struct chain_key *k = chains__of(sv, &one);
	cJSON *e = cJSON_CreateObject(), *frames;
	char name[48];
	unsigned int n, i;
	__u32 end;

	if (!e || !(frames = cJSON_AddArrayToObject(e, "frames")))
		return cJSON_Delete(e), NULL;
	n = chains__frames(k, &end);
	for (i = 0; i < n; i++) {
		cJSON *fr = frame_json(r, &k->f[i]);

		if (!fr || !cJSON_AddItemToArray(frames, fr))
			return cJSON_Delete(fr), cJSON_Delete(e), NULL;
	}
	if (end)
		cJSON_AddStringToObject(e, "end", chains__end_name(end));
	if (!sv->chain)
		cJSON_AddStringToObject(e, "end", "chains_full");
	cJSON_AddNumberToObject(e, "nr", sv->nr & ~COUNT_NR_COMPAT);
	cJSON_AddStringToObject(e, "name", syscalls__name(sv->nr, name, sizeof(name)));
	cJSON_AddNumberToObject(e, "calls", (double)sv->calls);
	return e;
}

int chain_report__add_json(cJSON *obj, const struct results *r, const struct object_result *o)
{
	cJSON *arr = cJSON_AddArrayToObject(obj, "chains");

	if (!arr)
		return -1;
	for (size_t i = 0; i < r->nr_sites; i++) {
		const struct site_result *sv = &r->sites_v[i];
		cJSON *e;

		if (sv->obj_id != o->id || sv->pid != o->pid)
			continue;
		e = chain_json(r, sv);
		if (!e || !cJSON_AddItemToArray(arr, e))
			return cJSON_Delete(e), -1;
	}
	return 0;
}

static void folded_process(FILE *f, const struct results *r, __u32 pid)
{
	char buf[64];

	if (!r->per_process)
		return;
	for (size_t i = 0; i < r->nr_objs; i++)
		if (r->objs[i].pid == pid) {
			snprintf(buf, sizeof(buf), "%s-%u", r->objs[i].comm, pid);
			escape__fputs_folded(f, buf);
			fputc(';', f);
			return;
		}
}

static void folded_chain(FILE *f, const struct results *r, const struct site_result *sv)
{
	char name[48], frame[FRAME_NAME_BYTES];
	struct chain_view c;

	chain_view(sv, &c);
	folded_process(f, r, sv->pid);
	if (c.end) {
		escape__fputs_folded(f, end_text(c.end));
		fputc(';', f);
	}
	for (unsigned int i = c.n; i-- > 0;) {
		chains__frame_name(r, &c.k->f[i], 0, frame, sizeof(frame));
		escape__fputs_folded(f, frame);
		fputc(';', f);
	}
	fprintf(f, "%s %llu\n", syscalls__name(sv->nr, name, sizeof(name)),
		(unsigned long long)sv->calls);
}

void chain_report__print_folded(FILE *f, const struct results *r)
{
	char name[48];

	if (r->depth > 1 || r->sites) {
		for (size_t i = 0; i < r->nr_sites; i++)
			folded_chain(f, r, &r->sites_v[i]);
		return;
	}
	for (size_t i = 0; i < r->nr_objs; i++) {
		const struct object_result *o = &r->objs[i];
		const char *slash = strrchr(o->name, '/');

		for (size_t j = 0; j < o->nr_sys; j++) {
			folded_process(f, r, o->pid);
			escape__fputs_folded(f, slash && slash[1] ? slash + 1 : o->name);
			fprintf(f, ";%s %llu\n", syscalls__name(o->sys[j].nr, name, sizeof(name)),
				(unsigned long long)o->sys[j].calls);
		}
	}
}
