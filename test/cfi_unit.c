// SPDX-License-Identifier: MIT
/*
 * cfi_unit: user/cfi.c on generated .eh_frame bytes, one case per edge:
 * each builds a section, parses it with cfi__from_memory and compares the
 * exact rows, return value and counters. Prints one line per failed check
 * and "N checks, N failed"; exits 1 if any failed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfi.h"

#define VADDR 0x10000ull	/* where the generated .eh_frame "is loaded" */

struct sec {
	__u8 b[8192];
	size_t n;
};

static void put(struct sec *s, const void *p, size_t n)
{
	if (s->n + n > sizeof(s->b)) {
		fprintf(stderr, "cfi_unit: test section too large\n");
		exit(2);
	}
	memcpy(s->b + s->n, p, n);
	s->n += n;
}
static void u8(struct sec *s, __u8 v) { put(s, &v, 1); }
static void u32(struct sec *s, __u32 v) { put(s, &v, 4); }
static void u64(struct sec *s, __u64 v) { put(s, &v, 8); }
static void uleb(struct sec *s, __u64 v)
{
	do {
		__u8 b = v & 0x7f;

		v >>= 7;
		u8(s, b | (v ? 0x80 : 0));
	} while (v);
}
static void bytes(struct sec *s, const char *b, size_t n) { put(s, b, n); }
#define INSNS(s, lit) bytes(s, lit, sizeof(lit) - 1)

/* Open an entry; returns the offset of its length field for end(). */
static size_t begin(struct sec *s) { size_t at = s->n; u32(s, 0); return at; }
static void end(struct sec *s, size_t at)
{
	__u32 len = (__u32)(s->n - at - 4);

	memcpy(s->b + at, &len, 4);
}

/* The usual GCC CIE: "zR", caf 1, daf -8, ra 16, FDE pointers pcrel|sdata4,
 * CFA = rsp+8, ra at CFA-8. Returns its offset. */
static size_t cie_std(struct sec *s, const char *aug_extra)
{
	size_t at = begin(s);

	u32(s, 0);		/* CIE id */
	u8(s, 1);		/* version */
	bytes(s, "zR", 2);
	bytes(s, aug_extra, strlen(aug_extra) + 1);
	uleb(s, 1);
	u8(s, 0x78);		/* sleb -8 */
	u8(s, 16);
	uleb(s, 1);		/* augmentation data: just the R byte */
	u8(s, 0x1b);
	INSNS(s, "\x0c\x07\x08\x90\x01");
	end(s, at);
	return at;
}

/* FDE with pcrel|sdata4 pc, udata4 range, no augmentation data. */
static size_t fde_std(struct sec *s, size_t cie, __u64 pc, __u32 range,
		      const char *insns, size_t insns_len)
{
	size_t at = begin(s);

	u32(s, (__u32)(s->n - cie));
	u32(s, (__u32)(pc - (VADDR + s->n)));
	u32(s, range);
	uleb(s, 0);
	put(s, insns, insns_len);
	end(s, at);
	return at;
}
#define FDE(s, cie, pc, range, lit) fde_std(s, cie, pc, range, lit, sizeof(lit) - 1)

/* --- checking -------------------------------------------------------------- */

static int checks, failed;
static const char *cur;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	checks++;
	if (ok)
		return;
	failed++;
	printf("FAIL %s: ", cur);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

struct want {
	__u32 start;
	int kind;
	__u16 off;
	__u8 slot;
};
#define END_ROWS { 0, -1, 0, 0 }
enum { GAP = CFI_GAP, RSP = CFI_CFA_RSP, RBP = CFI_CFA_RBP, UNS = CFI_UNSUPPORTED,
       OUT = CFI_OUTERMOST };

static void expect_rows(const struct cfi_rows *t, const struct want *w)
{
	size_t n = 0;

	while (w[n].kind >= 0)
		n++;
	check(t->nr == n, "expected %zu rows, got %zu", n, t->nr);
	for (size_t i = 0; i < n && i < t->nr; i++) {
		const struct cfi_row *r = &t->rows[i];

		check(r->start == w[i].start && r->kind == w[i].kind && r->cfa_off == w[i].off &&
		      r->rbp_slot == w[i].slot,
		      "row %zu: expected %x %s %u %u, got %x %s %u %u", i,
		      w[i].start, cfi__kind_name(w[i].kind), w[i].off, w[i].slot,
		      r->start, cfi__kind_name(r->kind), r->cfa_off, r->rbp_slot);
	}
}

/* With CFI_UNIT_CORPUS=dir, every section parsed is also written there:
 * seeds for the fuzzer that already reach each edge case. */
static void save_seed(const struct sec *s)
{
	static int seq;
	const char *dir = getenv("CFI_UNIT_CORPUS");
	char path[4096];
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s-%d", dir, cur, seq++);
	if (!(f = fopen(path, "w")) || fwrite(s->b, 1, s->n, f) != s->n) {
		perror(path);
		exit(2);
	}
	fclose(f);
}

static int parse(const struct sec *s, struct cfi_rows *t, char *err, size_t errlen)
{
	save_seed(s);
	return cfi__from_memory(s->b, s->n, VADDR, NULL, 0, t, err, errlen);
}

/* Parse s; expect success with no errors and exactly rows w. */
static void expect_ok(const struct sec *s, const struct want *w, struct cfi_rows *t)
{
	char err[256];
	int ret = parse(s, t, err, sizeof(err));

	check(ret == 0, "expected success, got %d (%s)", ret, err);
	check(t->stats.errors == 0, "expected no errors, got %llu (%s)",
	      (unsigned long long)t->stats.errors, err);
	expect_rows(t, w);
}

/* Parse s; expect a whole-section failure with an error text. */
static void expect_fail(const struct sec *s)
{
	struct cfi_rows t;
	char err[256] = "";
	int ret = parse(s, &t, err, sizeof(err));

	check(ret == -EINVAL, "expected -EINVAL, got %d", ret);
	check(t.rows == NULL && t.nr == 0, "rows left after failure");
	check(err[0] != 0, "no error text");
	cfi__free(&t);
}

/* Parse s; expect success with one bad FDE described, and rows w. */
static void expect_bad_fde(const struct sec *s, const char *why, const struct want *w)
{
	struct cfi_rows t;
	char err[256] = "";
	int ret = parse(s, &t, err, sizeof(err));

	check(ret == 0, "expected success, got %d (%s)", ret, err);
	check(t.stats.errors == 1, "expected 1 error, got %llu", (unsigned long long)t.stats.errors);
	check(strstr(err, why) != NULL, "error text \"%s\" lacks \"%s\"", err, why);
	expect_rows(&t, w);
	cfi__free(&t);
}

/* --- cases -------------------------------------------------------------- */

static void push_rbp_frame(void)
{
	struct sec s = {};
	struct cfi_rows t;
	size_t c = cie_std(&s, "");

	/* push %rbp; mov %rsp,%rbp; ...; leave; ret */
	FDE(&s, c, 0x1000, 0x20,
	    "\x41\x0e\x10\x86\x02"	/* +1: CFA rsp+16, rbp at CFA-16 */
	    "\x43\x0d\x06"		/* +3: CFA rbp+16 */
	    "\x50\x0c\x07\x08\xc6");	/* +16: CFA rsp+8, rbp restored */
	expect_ok(&s, (struct want[]){
		{ 0x1000, RSP, 8, 0 }, { 0x1001, RSP, 16, 2 }, { 0x1004, RBP, 16, 2 },
		{ 0x1014, RSP, 8, 0 }, { 0x1020, GAP, 0, 0 }, END_ROWS }, &t);
	check(t.stats.cies == 1 && t.stats.fdes == 1, "cies %llu fdes %llu",
	      (unsigned long long)t.stats.cies, (unsigned long long)t.stats.fdes);
	check(t.stats.rsp == 3 && t.stats.rbp == 1 && t.stats.gaps == 1 && t.stats.rows == 5,
	      "kind counts");
	check(cfi__lookup(&t, 0xfff) == NULL, "lookup before first row");
	check(cfi__lookup(&t, 0x1013) == &t.rows[2], "lookup inside a row");
	check(cfi__lookup(&t, 0x1014) == &t.rows[3], "lookup at a row start");
	check(cfi__lookup(&t, 0x99999) == &t.rows[4], "lookup past the end is the gap");
	cfi__free(&t);
}

static void remember_restore_and_merge(void)
{
	struct sec s = {};
	struct cfi_rows t;
	size_t c = cie_std(&s, "");

	FDE(&s, c, 0x2000, 0x10,
	    "\x41\x0e\x10"		/* +1: rsp+16 */
	    "\x0a\x42\x0e\x08"		/* remember; +2: rsp+8 (an early return) */
	    "\x41\x0b"			/* +1: restore: rsp+16 again */
	    "\x40\x40\x00\x00");	/* zero advances and nops add nothing */
	/* Contiguous FDE with the same first row: merges, no gap between. */
	FDE(&s, c, 0x2010, 0x8, "\x44\x0e\x10");
	/* And one after a hole: gap row at 0x2018. */
	FDE(&s, c, 0x2020, 0x4, "");
	expect_ok(&s, (struct want[]){
		{ 0x2000, RSP, 8, 0 }, { 0x2001, RSP, 16, 0 }, { 0x2003, RSP, 8, 0 },
		{ 0x2004, RSP, 16, 0 }, { 0x2010, RSP, 8, 0 }, { 0x2014, RSP, 16, 0 },
		{ 0x2018, GAP, 0, 0 }, { 0x2020, RSP, 8, 0 }, { 0x2024, GAP, 0, 0 },
		END_ROWS }, &t);
	/* Before merging: 4 + 2 + 1 rows, 2 gaps. */
	check(t.stats.rows_raw == 9 && t.stats.rows == 9, "rows_raw %llu rows %llu",
	      (unsigned long long)t.stats.rows_raw, (unsigned long long)t.stats.rows);
	cfi__free(&t);

	/* Two FDEs with identical rows back to back merge into one. */
	s.n = 0;
	c = cie_std(&s, "");
	FDE(&s, c, 0x3000, 0x10, "");
	FDE(&s, c, 0x3010, 0x10, "");
	expect_ok(&s, (struct want[]){ { 0x3000, RSP, 8, 0 }, { 0x3020, GAP, 0, 0 }, END_ROWS }, &t);
	check(t.stats.rows_raw == 3 && t.stats.rows == 2, "merge: rows_raw %llu rows %llu",
	      (unsigned long long)t.stats.rows_raw, (unsigned long long)t.stats.rows);
	cfi__free(&t);
}

static void large_offsets(void)
{
	struct sec s = {};
	struct cfi_rows t;
	size_t c = cie_std(&s, "");

	FDE(&s, c, 0x1000, 0x10,
	    "\x41\x0e\xff\xff\x03"		/* +1: rsp+65535: the largest */
	    "\x41\x0e\x80\x80\x04"		/* +1: rsp+65536: unsupported */
	    "\x41\x0e\xf0\xa2\x04"		/* +1: rsp+70000 */
	    "\x41\x13\x7e"			/* +1: def_cfa_offset_sf -2*-8 = 16 */
	    "\x41\x86\x80\x02"			/* +1: rbp at CFA-8*256: too far */
	    "\x41\x86\xff\x01");		/* +1: rbp at CFA-8*255 */
	expect_ok(&s, (struct want[]){
		{ 0x1000, RSP, 8, 0 }, { 0x1001, RSP, 65535, 0 }, { 0x1002, UNS, 0, 0 },
		{ 0x1004, RSP, 16, 0 }, { 0x1005, UNS, 0, 0 }, { 0x1006, RSP, 16, 255 },
		{ 0x1010, GAP, 0, 0 }, END_ROWS }, &t);
	cfi__free(&t);
}

static void unsupported_rules(void)
{
	struct sec s = {};
	struct cfi_rows t;
	size_t c = cie_std(&s, "");

	FDE(&s, c, 0x1000, 0x20,
	    "\x41\x0f\x03\x77\x08\x06"	/* +1: def_cfa_expression (3 bytes) */
	    "\x41\x0c\x07\x10"		/* +1: back to rsp+16 */
	    "\x41\x0c\x0a\x00"		/* +1: CFA = r10 */
	    "\x41\x0c\x07\x08"		/* +1: rsp+8 */
	    "\x41\x90\x02"		/* +1: ra at CFA-16 */
	    "\x41\x90\x01"		/* +1: ra at CFA-8 */
	    "\x41\x11\x06\x7f"		/* +1: rbp at CFA+8 (offset_extended_sf) */
	    "\x41\x09\x06\x03"		/* +1: rbp in rbx */
	    "\x41\x08\x06"		/* +1: same_value rbp */
	    "\x41\x14\x06\x01"		/* +1: val_offset rbp */
	    "\x41\x07\x06"		/* +1: undefined rbp: as unchanged */
	    "\x41\x10\x06\x02\x77\x00"	/* +1: expression rbp */
	    "\x41\x06\x06"		/* +1: restore_extended rbp */
	    "\x41\x10\x10\x01\x00"	/* +1: expression ra */
	    "\x41\xd0"			/* +1: restore ra */
	    "\x41\x07\x10"		/* +1: ra undefined (outermost frame) */
	    "\x41\x05\x10\x01"		/* +1: offset_extended ra CFA-8 */
	    "\x41\x2f\x06\x02"		/* +1: GNU_negative_offset_extended: CFA+16 */
	    "\x41\x05\x06\x02"		/* +1: rbp at CFA-16 */
	    "\x41\x2e\x10"		/* +1: GNU_args_size: ignored */
	    "\x41\x15\x0c\x01\x16\x0d\x00"	/* +1: val_offset_sf, val_expression of others */
	    "\x41\x0c\x01\x08");	/* +1: CFA = rdx */
	expect_ok(&s, (struct want[]){
		{ 0x1000, RSP, 8, 0 }, { 0x1001, UNS, 0, 0 }, { 0x1002, RSP, 16, 0 },
		{ 0x1003, UNS, 0, 0 }, { 0x1004, RSP, 8, 0 }, { 0x1005, UNS, 0, 0 },
		{ 0x1006, RSP, 8, 0 }, { 0x1007, UNS, 0, 0 }, { 0x1009, RSP, 8, 0 },
		{ 0x100a, UNS, 0, 0 }, { 0x100b, RSP, 8, 0 }, { 0x100c, UNS, 0, 0 },
		{ 0x100d, RSP, 8, 0 }, { 0x100e, UNS, 0, 0 }, { 0x100f, RSP, 8, 0 },
		{ 0x1010, OUT, 0, 0 }, { 0x1011, RSP, 8, 0 }, { 0x1012, UNS, 0, 0 },
		{ 0x1013, RSP, 8, 2 }, { 0x1016, UNS, 0, 0 }, { 0x1020, GAP, 0, 0 },
		END_ROWS }, &t);
	check(t.stats.unsupported == 9, "unsupported rows %llu",
	      (unsigned long long)t.stats.unsupported);
	check(t.stats.outermost == 1, "outermost rows %llu",
	      (unsigned long long)t.stats.outermost);
	cfi__free(&t);
}

static void encodings(void)
{
	struct sec s = {};
	struct cfi_rows t;
	size_t c1, c2, c3, at;

	/* "zPLR": personality pcrel|sdata4|indirect, LSDA pcrel|sdata4. */
	c1 = begin(&s);
	u32(&s, 0);
	u8(&s, 1);
	bytes(&s, "zPLR", 5);
	uleb(&s, 1);
	u8(&s, 0x78);
	u8(&s, 16);
	uleb(&s, 7);
	u8(&s, 0x9b);
	u32(&s, 0x1234);
	u8(&s, 0x1b);
	u8(&s, 0x1b);
	INSNS(&s, "\x0c\x07\x08\x90\x01");
	end(&s, c1);
	at = begin(&s);		/* FDE with 4 bytes of LSDA pointer */
	u32(&s, (__u32)(s.n - c1));
	u32(&s, (__u32)(0x1000 - (VADDR + s.n)));
	u32(&s, 0x10);
	uleb(&s, 4);
	u32(&s, 0);
	INSNS(&s, "\x42\x0e\x10");
	end(&s, at);

	/* "zRS", version 3 (uleb return address column), udata4 absolute pcs. */
	c2 = begin(&s);
	u32(&s, 0);
	u8(&s, 3);
	bytes(&s, "zRS", 4);
	uleb(&s, 1);
	u8(&s, 0x78);
	uleb(&s, 16);
	uleb(&s, 1);
	u8(&s, 0x03);
	INSNS(&s, "\x0c\x07\x08\x90\x01");
	end(&s, c2);
	at = begin(&s);
	u32(&s, (__u32)(s.n - c2));
	u32(&s, 0x1010);
	u32(&s, 0x10);
	uleb(&s, 0);
	INSNS(&s, "\x01\x18\x10\x00\x00\x0e\x18");	/* set_loc 0x1018: rsp+24 */
	end(&s, at);

	/* Version 4, no augmentation, absptr pcs, code alignment 4. */
	c3 = begin(&s);
	u32(&s, 0);
	u8(&s, 4);
	u8(&s, 0);
	u8(&s, 8);
	u8(&s, 0);
	uleb(&s, 4);
	u8(&s, 0x78);
	uleb(&s, 16);
	INSNS(&s, "\x0c\x07\x08\x90\x01");
	end(&s, c3);
	at = begin(&s);
	u32(&s, (__u32)(s.n - c3));
	u64(&s, 0x1020);
	u64(&s, 0x10);
	INSNS(&s, "\x42\x0e\x20");	/* +2*4 */
	end(&s, at);

	expect_ok(&s, (struct want[]){
		{ 0x1000, RSP, 8, 0 }, { 0x1002, RSP, 16, 0 }, { 0x1010, RSP, 8, 0 },
		{ 0x1018, RSP, 24, 0 }, { 0x1020, RSP, 8, 0 }, { 0x1028, RSP, 32, 0 },
		{ 0x1030, GAP, 0, 0 }, END_ROWS }, &t);
	check(t.stats.cies == 3 && t.stats.fdes == 3, "3 CIEs, 3 FDEs");
	cfi__free(&t);
}

static void segments_and_skips(void)
{
	static const struct elf_segment segs[] = {
		{ .vaddr = 0x401000, .size = 0x1000, .offset = 0x1000 },
		{ .vaddr = 0x403000, .size = 0x100, .offset = 0x2000 },
	};
	struct sec s = {};
	struct cfi_rows t;
	char err[256];
	size_t c = cie_std(&s, "");
	int ret;

	FDE(&s, c, 0x403010, 0x10, "\x41\x0e\x10");
	FDE(&s, c, 0x401800, 0x10, "");
	FDE(&s, c, 0x402000, 0x10, "");		/* in no segment */
	FDE(&s, c, 0x4030f8, 0x10, "");		/* runs past its segment */
	FDE(&s, c, 0x401900, 0, "");		/* empty */
	ret = cfi__from_memory(s.b, s.n, VADDR, segs, 2, &t, err, sizeof(err));
	check(ret == 0 && t.stats.errors == 0, "segments: ret %d errors %llu", ret,
	      (unsigned long long)t.stats.errors);
	expect_rows(&t, (struct want[]){
		{ 0x1800, RSP, 8, 0 }, { 0x1810, GAP, 0, 0 }, { 0x2010, RSP, 8, 0 },
		{ 0x2011, RSP, 16, 0 }, { 0x2020, GAP, 0, 0 }, END_ROWS });
	check(t.stats.fdes == 5 && t.stats.fdes_unmapped == 2 && t.stats.fdes_empty == 1,
	      "fdes %llu unmapped %llu empty %llu", (unsigned long long)t.stats.fdes,
	      (unsigned long long)t.stats.fdes_unmapped, (unsigned long long)t.stats.fdes_empty);
	cfi__free(&t);
}

static void overlapping_fdes(void)
{
	struct sec s = {};
	struct cfi_rows t;
	size_t c = cie_std(&s, "");

	FDE(&s, c, 0x180, 0x100, "\x7f\x0e\x30");	/* +63: rsp+48 */
	FDE(&s, c, 0x100, 0x100, "\x41\x0e\x10");
	FDE(&s, c, 0x110, 0x10, "\x41\x0e\x20");	/* inside the one above */
	expect_ok(&s, (struct want[]){
		{ 0x100, RSP, 8, 0 }, { 0x101, RSP, 16, 0 },	/* the earlier start wins */
		{ 0x200, RSP, 48, 0 },				/* then the rest of [0x180,0x280) */
		{ 0x280, GAP, 0, 0 }, END_ROWS }, &t);
	check(t.stats.overlaps == 2, "overlaps %llu", (unsigned long long)t.stats.overlaps);
	cfi__free(&t);
}

static void zero_terminator_and_empty(void)
{
	struct sec s = {};
	struct cfi_rows t;
	size_t c = cie_std(&s, "");

	FDE(&s, c, 0x1000, 0x10, "");
	u32(&s, 0);			/* terminator: garbage after it is ignored */
	u32(&s, 0xdeadbeef);
	u32(&s, 0x12345678);
	expect_ok(&s, (struct want[]){ { 0x1000, RSP, 8, 0 }, { 0x1010, GAP, 0, 0 }, END_ROWS }, &t);
	cfi__free(&t);

	s.n = 0;
	expect_ok(&s, (struct want[]){ END_ROWS }, &t);	/* empty section */
	cfi__free(&t);
	u32(&s, 0);
	expect_ok(&s, (struct want[]){ END_ROWS }, &t);	/* only a terminator */
	cfi__free(&t);
}

static void broken_framing(void)
{
	struct sec s = {}, good = {};
	size_t c = cie_std(&good, ""), fde = good.n;

	FDE(&good, c, 0x1000, 0x10, "\x41\x0e\x10");

	/* Truncated anywhere inside the FDE (ending exactly after the CIE is
	 * a valid section). */
	for (s.n = fde + 1; s.n < good.n; s.n++) {
		memcpy(s.b, good.b, s.n);
		expect_fail(&s);
	}
	/* Length past the end. */
	s = good;
	memcpy(s.b + fde, &(__u32){ 0x7fffffff }, 4);
	expect_fail(&s);
	/* Length below the 4-byte CIE pointer. */
	s = good;
	memcpy(s.b + fde, &(__u32){ 2 }, 4);
	expect_fail(&s);
	/* Three stray bytes: not even a length. */
	s = good;
	u8(&s, 1);
	u8(&s, 2);
	u8(&s, 3);
	expect_fail(&s);
	/* 64-bit length form: huge, truncated. */
	s = good;
	u32(&s, 0xffffffff);
	u64(&s, 0x100000000ull);
	u32(&s, 0);
	expect_fail(&s);
	s = good;
	u32(&s, 0xffffffff);
	u32(&s, 4);
	expect_fail(&s);
}

static void long_length_form(void)
{
	struct sec s = {};
	struct cfi_rows t;
	size_t c = cie_std(&s, ""), at = s.n;

	/* The same FDE as elsewhere, framed with the 64-bit length. */
	u32(&s, 0xffffffff);
	u64(&s, 0);
	u32(&s, (__u32)(s.n - c));
	u32(&s, (__u32)(0x1000 - (VADDR + s.n)));
	u32(&s, 0x10);
	uleb(&s, 0);
	INSNS(&s, "\x41\x0e\x10");
	memcpy(s.b + at + 4, &(__u64){ s.n - at - 12 }, 8);
	expect_ok(&s, (struct want[]){
		{ 0x1000, RSP, 8, 0 }, { 0x1001, RSP, 16, 0 }, { 0x1010, GAP, 0, 0 }, END_ROWS }, &t);
	cfi__free(&t);
}

static void bad_fdes(void)
{
	struct sec s = {};
	size_t c = cie_std(&s, ""), at;
	const struct want good_only[] = {
		{ 0x1000, RSP, 8, 0 }, { 0x1010, GAP, 0, 0 }, END_ROWS };
	const struct want bad_marked[] = {
		{ 0x1000, RSP, 8, 0 }, { 0x1010, GAP, 0, 0 },
		{ 0x2000, UNS, 0, 0 }, { 0x2010, GAP, 0, 0 }, END_ROWS };
	struct sec base;

	size_t fde = s.n;

	FDE(&s, c, 0x1000, 0x10, "");
	base = s;

	/* CIE pointer out of the section, and into the middle of the CIE. */
	at = begin(&s);
	u32(&s, 0x7fffffff);
	u32(&s, 0);
	u32(&s, 0x10);
	end(&s, at);
	expect_bad_fde(&s, "CIE pointer", good_only);
	s = base;
	at = begin(&s);
	u32(&s, (__u32)(s.n - c - 4));
	u32(&s, 0);
	u32(&s, 0x10);
	end(&s, at);
	expect_bad_fde(&s, "CIE pointer", good_only);
	/* Pointing at an FDE. */
	s = base;
	at = begin(&s);
	u32(&s, (__u32)(s.n - fde));
	u32(&s, 0);
	u32(&s, 0x10);
	end(&s, at);
	expect_bad_fde(&s, "CIE pointer", good_only);
	/* pc range cut off by the entry's length. */
	s = base;
	at = begin(&s);
	u32(&s, (__u32)(s.n - c));
	u32(&s, 0);
	u8(&s, 0x10);
	end(&s, at);
	expect_bad_fde(&s, "truncated FDE", good_only);

	/* Interpreter failures mark the FDE's range. */
	s = base;
	FDE(&s, c, 0x2000, 0x10, "\x41\x0e\x80\x80");	/* LEB128 runs off the end */
	expect_bad_fde(&s, "truncated instruction", bad_marked);
	s = base;
	FDE(&s, c, 0x2000, 0x10, "\x41\x0e\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01");
	expect_bad_fde(&s, "truncated instruction", bad_marked);	/* 11-byte LEB128 */
	s = base;
	FDE(&s, c, 0x2000, 0x10, "\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a");
	expect_bad_fde(&s, "remember_state nested too deep", bad_marked);
	s = base;
	FDE(&s, c, 0x2000, 0x10, "\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a\x0a"
	    "\x41\x0e\x10\x41" "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b");
	{	/* 16 deep is allowed, and the 16th restore gets the first state. */
		struct cfi_rows t;

		expect_ok(&s, (struct want[]){
			{ 0x1000, RSP, 8, 0 }, { 0x1010, GAP, 0, 0 }, { 0x2000, RSP, 8, 0 },
			{ 0x2001, RSP, 16, 0 }, { 0x2002, RSP, 8, 0 }, { 0x2010, GAP, 0, 0 },
			END_ROWS }, &t);
		cfi__free(&t);
	}
	s = base;
	FDE(&s, c, 0x2000, 0x10, "\x41\x0b");
	expect_bad_fde(&s, "restore_state without", bad_marked);
	s = base;
	FDE(&s, c, 0x2000, 0x10, "\x41\x3f");
	expect_bad_fde(&s, "unknown DW_CFA opcode", bad_marked);
	s = base;
	at = begin(&s);		/* set_loc to 0x1000, before the FDE's 0x2000 */
	u32(&s, (__u32)(s.n - c));
	u32(&s, (__u32)(0x2000 - (VADDR + s.n)));
	u32(&s, 0x10);
	uleb(&s, 0);
	u8(&s, 0x01);
	u32(&s, (__u32)(0x1000 - (VADDR + s.n)));
	end(&s, at);
	expect_bad_fde(&s, "backwards", bad_marked);
	s = base;
	FDE(&s, c, 0x2000, 0x10, "\x0f\x10\x00");		/* expression runs off */
	expect_bad_fde(&s, "truncated instruction", bad_marked);

	/* A bad CIE takes its FDEs with it, not the others. */
	s = base;
	at = begin(&s);
	u32(&s, 0);
	u8(&s, 2);				/* unknown version */
	end(&s, at);
	FDE(&s, at, 0x2000, 0x10, "");
	expect_bad_fde(&s, "unknown CIE version", good_only);
	s = base;
	at = begin(&s);
	u32(&s, 0);
	u8(&s, 1);
	bytes(&s, "eh", 3);
	uleb(&s, 1);
	u8(&s, 0x78);
	u8(&s, 16);
	end(&s, at);
	FDE(&s, at, 0x2000, 0x10, "");
	expect_bad_fde(&s, "without 'z'", good_only);
}

static void endless_advances(void)
{
	struct sec s = {};
	struct cfi_rows t;
	struct sec cie_big = {};
	size_t c = cie_std(&s, ""), at;
	char insns[2000];

	/* A thousand zero advances: no rows, and it ends. */
	memset(insns, 0x40, sizeof(insns));
	fde_std(&s, c, 0x1000, 0x10, insns, sizeof(insns));
	expect_ok(&s, (struct want[]){ { 0x1000, RSP, 8, 0 }, { 0x1010, GAP, 0, 0 }, END_ROWS }, &t);
	cfi__free(&t);

	/* Advances past the FDE's end stop the program there. */
	s.n = 0;
	c = cie_std(&s, "");
	for (int i = 0; i < 400; i++)
		memcpy(insns + 5 * i, "\x04\xff\xff\xff\x7f", 5);
	fde_std(&s, c, 0x1000, 0x10, insns, sizeof(insns));
	expect_ok(&s, (struct want[]){ { 0x1000, RSP, 8, 0 }, { 0x1010, GAP, 0, 0 }, END_ROWS }, &t);
	cfi__free(&t);

	/* A huge code alignment factor: the advance overflows 64 bits. */
	at = begin(&cie_big);
	u32(&cie_big, 0);
	u8(&cie_big, 1);
	bytes(&cie_big, "zR", 3);
	uleb(&cie_big, 0x8000000000000000ull);
	u8(&cie_big, 0x78);
	u8(&cie_big, 16);
	uleb(&cie_big, 1);
	u8(&cie_big, 0x1b);
	INSNS(&cie_big, "\x0c\x07\x08\x90\x01");
	end(&cie_big, at);
	FDE(&cie_big, at, 0x1000, 0x10, "\x42\x0e\x10");
	{
		char err[256] = "";
		int ret = parse(&cie_big, &t, err, sizeof(err));

		cur = "endless_advances (overflow)";
		check(ret == 0 && t.stats.errors == 1 && strstr(err, "overflows"),
		      "ret %d errors %llu err %s", ret, (unsigned long long)t.stats.errors, err);
		expect_rows(&t, (struct want[]){
			{ 0x1000, UNS, 0, 0 }, { 0x1010, GAP, 0, 0 }, END_ROWS });
		cfi__free(&t);
	}
}

int main(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} cases[] = {
#define C(x) { #x, x }
		C(push_rbp_frame), C(remember_restore_and_merge), C(large_offsets),
		C(unsupported_rules), C(encodings), C(segments_and_skips),
		C(overlapping_fdes), C(zero_terminator_and_empty), C(broken_framing),
		C(long_length_form), C(bad_fdes), C(endless_advances),
#undef C
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cur = cases[i].name;
		cases[i].fn();
	}
	printf("%d checks, %d failed\n", checks, failed);
	return failed ? 1 : 0;
}
