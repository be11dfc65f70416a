// SPDX-License-Identifier: MIT
/* The name PROGRAM was started as, beside the mapped file's name. */
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "started_as.h"

/* Only the last component matters: a symlinked directory (/lib ->
 * /usr/lib) names the same file, a symlinked file names another. */
static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

void started_as__note(struct results *r, const char *path)
{
	char *real;

	if (!path || !*path || !(real = realpath(path, NULL)))
		return;
	if (!strcmp(base(real), base(path))) {
		free(real);
		return;
	}
	r->started_path = strdup(path);
	if (!r->started_path) {
		free(real);
		return;
	}
	r->started_real = real;
}

const char *started_as__for(const struct results *r, const struct object_result *o)
{
	if (!r->started_real || strcmp(o->name, r->started_real))
		return NULL;
	return r->started_path;
}

void started_as__free(struct results *r)
{
	free(r->started_path);
	free(r->started_real);
	r->started_path = r->started_real = NULL;
}
