/* SPDX-License-Identifier: MIT */
/*
 * The name PROGRAM was started as, when it differs from the file the
 * kernel mapped (a symlink: redis-server -> redis-check-rdb), shown beside
 * the executable's object in the table and in --format full.
 */
#ifndef SYSO_KAGG_STARTED_AS_H
#define SYSO_KAGG_STARTED_AS_H

#include "results.h"

/* Note path (what PROGRAM was exec'd by) in r if its file name differs
 * from its target's. */
void started_as__note(struct results *r, const char *path);
/* The started-as path for object o, or NULL. */
const char *started_as__for(const struct results *r, const struct object_result *o);
void started_as__free(struct results *r);

#endif
