// SPDX-License-Identifier: MIT
/* -e trace=SET parsing into the kernel's syscall bitmap. */
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syscall_filter.h"
#include "exit_codes.h"
#include "syscall_table.h"
#include "syscall_classes.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(ARRAY_SIZE(syscall_names_x86_64) <= FILTER_ABI_BITS, "x86_64 table too big");
_Static_assert(ARRAY_SIZE(syscall_names_i386) <= FILTER_ABI_BITS, "i386 table too big");

static void set_bit(__u64 *bits, unsigned int b)
{
	bits[b / 64] |= 1ull << (b % 64);
}

/* Set the x86_64 and i386 calls named name; false if neither has it. */
static bool add_name(__u64 *bits, const char *name)
{
	bool found = false;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(syscall_names_x86_64); i++)
		if (syscall_names_x86_64[i] && !strcmp(syscall_names_x86_64[i], name)) {
			set_bit(bits, i);
			found = true;
		}
	/* a class from strace is per ABI; i386 calls follow their x86_64
	 * namesake (documented: i386-only calls are named only by name) */
	for (i = 0; i < ARRAY_SIZE(syscall_names_i386); i++)
		if (syscall_names_i386[i] && !strcmp(syscall_names_i386[i], name)) {
			set_bit(bits, FILTER_ABI_BITS + i);
			found = true;
		}
	return found;
}

static bool add_class(__u64 *bits, const char *cls)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(syscall_classes); i++) {
		if (strcmp(syscall_classes[i].name, cls))
			continue;
		for (j = 0; j < syscall_classes[i].n; j++) {
			unsigned int nr = syscall_classes[i].nrs[j];

			if (nr < ARRAY_SIZE(syscall_names_x86_64) && syscall_names_x86_64[nr])
				add_name(bits, syscall_names_x86_64[nr]);
			else
				set_bit(bits, nr);
		}
		return true;
	}
	return false;
}

#define REGEX_MAX_LEN		64
#define REGEX_MAX_REPEAT	32

/*
 * glibc's regcomp expands repetitions by copying, so "i+++++..." or large
 * nested {m,n} take gigabytes (the option fuzzer found it). Names are
 * short: refuse long expressions, adjacent quantifiers (undefined in POSIX
 * EREs anyway) and bounds above REGEX_MAX_REPEAT.
 */
static bool regex_tame(const char *re)
{
	bool after_quant = false;
	const char *p;

	if (strlen(re) > REGEX_MAX_LEN)
		return false;
	for (p = re; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			after_quant = false;
			continue;
		}
		if (*p == '{') {
			char *end;
			long m = strtol(p + 1, &end, 10);

			if (after_quant || m > REGEX_MAX_REPEAT)
				return false;
			if (*end == ',' && strtol(end + 1, &end, 10) > REGEX_MAX_REPEAT)
				return false;
			p = *end == '}' ? end : p;
			after_quant = *end == '}';
			continue;
		}
		if (*p == '+' || *p == '*' || *p == '?') {
			if (after_quant)
				return false;
			after_quant = true;
			continue;
		}
		after_quant = false;
	}
	return true;
}

/* 1 matched something, 0 matched nothing, -1 bad regex. */
static int add_regex(__u64 *bits, const char *re)
{
	regex_t rx;
	size_t i;
	int found = 0;

	if (!regex_tame(re) || regcomp(&rx, re, REG_EXTENDED | REG_NOSUB))
		return -1;
	for (i = 0; i < ARRAY_SIZE(syscall_names_x86_64); i++)
		if (syscall_names_x86_64[i] && !regexec(&rx, syscall_names_x86_64[i], 0, NULL, 0))
			found = 1, set_bit(bits, i);
	for (i = 0; i < ARRAY_SIZE(syscall_names_i386); i++)
		if (syscall_names_i386[i] && !regexec(&rx, syscall_names_i386[i], 0, NULL, 0))
			found = 1, set_bit(bits, FILTER_ABI_BITS + i);
	regfree(&rx);
	return found;
}

static int bad(const char *set, const char *what, const char *value)
{
	fprintf(stderr, "syso-kagg: -e trace=%s: %s '%s'\n", set, what, value);
	return EXIT_USAGE;
}

/* One VALUE of the list; 0 or EXIT_USAGE. */
static int add_value(__u64 *bits, const char *set, const char *v)
{
	bool optional = *v == '?';
	int r;

	if (optional)
		v++;
	if (!*v)
		return bad(set, "empty element in", set);
	if (!strcmp(v, "all")) {
		memset(bits, 0xff, FILTER_WORDS * sizeof(*bits));
		return 0;
	}
	if (!strcmp(v, "none"))
		return 0;
	if (*v == '%') {
		if (add_class(bits, v + 1) || optional)
			return 0;
		return bad(set, "unknown syscall class", v);
	}
	if (*v == '/') {
		r = add_regex(bits, v + 1);
		if (r < 0)
			return bad(set, "invalid (or over 64 bytes, or repeated "
				   "quantifiers) regular expression", v + 1);
		if (r || optional)
			return 0;
		return bad(set, "no syscall matches", v + 1);
	}
	if (add_name(bits, v) || optional)
		return 0;
	return bad(set, "unknown syscall", v);
}

int syscall_filter__parse(const char *set, __u64 bits[FILTER_WORDS])
{
	const char *list = set, *p;
	bool negate = *list == '!';
	char *copy, *tok, *save = NULL;
	int err = 0, i;

	memset(bits, 0, FILTER_WORDS * sizeof(*bits));
	if (negate)
		list++;
	if (!*list)
		return bad(set, "empty set in", set);
	for (p = list; *p; p++)
		if (*p == ',' && (p == list || p[1] == ',' || !p[1]))
			return bad(set, "empty element in", set);
	copy = strdup(list);
	if (!copy) {
		fprintf(stderr, "syso-kagg: -e trace: out of memory\n");
		return EXIT_SOFTWARE;
	}
	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save))
		err = add_value(bits, set, tok);
	free(copy);
	if (negate)
		for (i = 0; i < FILTER_WORDS; i++)
			bits[i] = ~bits[i];
	return err;
}
