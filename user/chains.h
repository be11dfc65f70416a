/* SPDX-License-Identifier: MIT */
/*
 * --depth: the call chains the kernel interned (shared/chains.h), read
 * back once at report time and found by id; and their frames as names
 * (obj`func+0xoff), for the table, --format full and --format folded.
 */
#ifndef SYSO_KAGG_CHAINS_USER_H
#define SYSO_KAGG_CHAINS_USER_H

#include <stddef.h>
#include <linux/types.h>

#include "shared/chains.h"

struct chain_entry {
	__u64 id;
	struct chain_key key;
};

struct results;
struct site_result;

/* An object met in a chain, with its report name (not only the objects
 * that made calls: a chain passes through others). */
struct chain_object {
	__u32 id;
	char *name;
};

/* Every chain of the map at fd, sorted by id (malloc'ed; *n entries). 0
 * or -errno. */
int chains__read(int fd, struct chain_entry **out, size_t *n);
/* After the counts: read the chains, name their objects, and point each
 * site_result at its chain. 0 or -errno. */
int chains__collect(struct results *r, int chains_fd, int infos_fd);
void chains__free(struct results *r);
/* sv's chain: its interned one, or its first frame alone in *one. */
const struct chain_key *chains__of(const struct site_result *sv, struct chain_key *one);
/* The chain with this id, NULL if none. */
const struct chain_key *chains__find(const struct chain_entry *v, size_t n, __u64 id);
/* Frames before the chain's end; *end = its marker's enum chain_end, or 0
 * (the chain is whole: N frames, or the stack's outermost one). */
unsigned int chains__frames(const struct chain_key *k, __u32 *end);
/* What a marker says, for the table and JSON ("no_table", ...). */
const char *chains__end_name(__u32 end);
/* One frame as "obj`func+0x1f" (with_offset) or "obj`func", obj the
 * object's file name; "obj`+0xOFF" when no symbol covers it. Unescaped:
 * the caller escapes for its format. */
void chains__frame_name(const struct results *r, const struct chain_frame *f, int with_offset,
			char *buf, size_t len);

#endif
