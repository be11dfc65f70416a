// SPDX-License-Identifier: MIT
/*
 * .eh_frame -> compact CFI rows (see cfi.h and shared/cfi.h). Owns the ELF
 * lookup of .eh_frame and PT_LOAD segments, CIE/FDE decoding, a DWARF CFI
 * interpreter for the x86-64 subset, and sorting/clipping/merging of rows.
 * Every read goes through a bounds-checked cursor: the input may be hostile
 * (it is fuzzed), so malformed data ends in an error, never out of bounds.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "cfi.h"
#include "elf_file.h"

/* The DWARF register numbers the compact form names, per architecture:
 * x86-64 (rdi 5, rbp 6, rsp 7, rip 16) and i386 (ebp 5, esp 4, eip 8; no
 * register plays rdi's part in vfork there). */
struct arch_regs {
	__u64 di, bp, sp, ip;
};
static const struct arch_regs regs_x86_64 = { .di = 5, .bp = 6, .sp = 7, .ip = 16 };
static const struct arch_regs regs_i386 = { .di = ~0ull, .bp = 5, .sp = 4, .ip = 8 };

/* DW_OP_* in the two expression shapes the compact form can say. */
enum {
	OP_deref = 0x06, OP_and = 0x1a, OP_plus = 0x22, OP_shl = 0x24,
	OP_ge = 0x2a, OP_lit0 = 0x30, OP_breg0 = 0x70,
};

/* DW_EH_PE_* pointer encodings. */
#define PE_OMIT		0xff
#define PE_INDIRECT	0x80
#define PE_FMT_MASK	0x0f
#define PE_APP_MASK	0x70
enum {
	PE_ABSPTR = 0x00, PE_ULEB128 = 0x01, PE_UDATA2 = 0x02, PE_UDATA4 = 0x03,
	PE_UDATA8 = 0x04, PE_SLEB128 = 0x09, PE_SDATA2 = 0x0a, PE_SDATA4 = 0x0b,
	PE_SDATA8 = 0x0c,
};
enum {
	PE_APP_ABS = 0x00, PE_APP_PCREL = 0x10, PE_APP_TEXTREL = 0x20,
	PE_APP_DATAREL = 0x30, PE_APP_FUNCREL = 0x40, PE_APP_ALIGNED = 0x50,
};

/* DW_CFA_* opcodes (high two bits first, then the extended ones). */
enum {
	CFA_advance_loc = 0x40, CFA_offset = 0x80, CFA_restore = 0xc0,
	CFA_nop = 0x00, CFA_set_loc = 0x01, CFA_advance_loc1 = 0x02,
	CFA_advance_loc2 = 0x03, CFA_advance_loc4 = 0x04,
	CFA_offset_extended = 0x05, CFA_restore_extended = 0x06,
	CFA_undefined = 0x07, CFA_same_value = 0x08, CFA_register = 0x09,
	CFA_remember_state = 0x0a, CFA_restore_state = 0x0b, CFA_def_cfa = 0x0c,
	CFA_def_cfa_register = 0x0d, CFA_def_cfa_offset = 0x0e,
	CFA_def_cfa_expression = 0x0f, CFA_expression = 0x10,
	CFA_offset_extended_sf = 0x11, CFA_def_cfa_sf = 0x12,
	CFA_def_cfa_offset_sf = 0x13, CFA_val_offset = 0x14,
	CFA_val_offset_sf = 0x15, CFA_val_expression = 0x16,
	CFA_GNU_args_size = 0x2e, CFA_GNU_negative_offset_extended = 0x2f,
};

/* glibc nests remember_state at most two deep; 16 is generous and bounds
 * the memory a hostile FDE can make us use. */
#define STATE_STACK	16
/* More than this many bytes cannot encode a 64-bit LEB128 value. */
#define LEB_MAX_BYTES	10

/* Per object, what a section may make the parser hold or do (a large C++
 * library has ~10 CIEs, ~10^5 FDEs, ~10^6 rows): over any of these the
 * object gets no table (doc/resources.md). CFI_MAX_WORK bounds the time:
 * the bytes of CFA instructions run, a CIE's initial ones once per FDE
 * that uses it (many FDEs of one long CIE would otherwise run it again
 * and again). */
#define CFI_MAX_CIES	(1u << 16)
#define CFI_MAX_FDES	(1u << 20)
#define CFI_MAX_ROWS	(1u << 22)
#define CFI_MAX_WORK	(64u << 20)

struct cursor {
	const __u8 *p, *end;
};

struct parser {
	const __u8 *base;	/* .eh_frame start */
	size_t size;
	__u64 vaddr;		/* .eh_frame load address */
	const struct elf_segment *segs;
	size_t nr_segs;
	int fd;			/* the file, for rules that look at the code
				 * (-1: not available) */
	__u64 work;		/* CFA instruction bytes run (CFI_MAX_WORK) */
	char *err;
	size_t errlen;
	bool have_err;
	unsigned int word;	/* address and stack slot size: 8 or 4 (i386) */
	const struct arch_regs *reg;
};

enum rule_kind {
	RULE_SAME, RULE_UNDEF, RULE_OFFSET, RULE_OTHER,
	RULE_AT_RSP,		/* DW_CFA_expression DW_OP_breg7 off: saved at rsp + off */
	RULE_REG,		/* DW_CFA_register: in register reg */
};

struct rule {
	enum rule_kind kind;
	__s64 off;		/* RULE_OFFSET: saved at CFA + off; RULE_AT_RSP: rsp + off */
	__u64 reg;		/* RULE_REG */
};

/* A CFA given by a DWARF expression: the shapes the compact form can say. */
enum cfa_expr_kind {
	CFA_EXPR_NONE,
	CFA_EXPR_OTHER,
	CFA_EXPR_DEREF_RSP,	/* DW_OP_breg7 off; DW_OP_deref: CFA = *(rsp + off) */
	CFA_EXPR_PLT,		/* the PLT form: CFA = rsp + off + ((rip & 15) >= lit ? 8 : 0) */
};

struct cfa_state {
	bool cfa_expr;		/* CFA given by a DWARF expression */
	enum cfa_expr_kind expr;
	__s64 expr_off;		/* DEREF_RSP, PLT */
	__u8 expr_lit;		/* PLT: the threshold */
	__u64 cfa_reg;
	__s64 cfa_off;
	struct rule rbp, ra;
};

struct cie {
	__u64 off;		/* section offset of the CIE's length field */
	const __u8 *insns, *insns_end;
	__u64 caf;		/* code alignment factor */
	__s64 daf;		/* data alignment factor */
	__u64 ra_col;
	__u8 fde_enc;
	__u8 lsda_enc;
	bool aug_z;		/* FDEs carry an augmentation data length */
	bool signal;		/* 'S': its FDEs describe signal frames */
	const char *bad;	/* why the CIE is unusable, or NULL */
};

/* One row from the interpreter, in file offsets, before sorting. */
struct raw_row {
	__u64 start;
	struct cfi_row val;	/* start unused here */
};

struct fde {
	__u64 start, end;	/* file offsets */
	size_t first, nr;	/* its rows in the raw array */
	size_t order;		/* position in the section, for stable sorting */
};

/* A growing array of at most max elements, its bytes charged to the
 * object-data budget (user/elf_file.h). */
struct vec {
	void *data;
	size_t nr, cap, elem, max;
	const char *what;	/* "CIEs", ... for the error */
	const char *over;	/* why it stopped growing, or NULL */
};

static int vec_push(struct vec *v, const void *elem)
{
	if (v->nr == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 256;
		void *d;

		if (v->nr >= v->max) {
			v->over = "its cap";
			return -E2BIG;
		}
		if (elf_file__charge((cap - v->cap) * v->elem)) {
			v->over = "--max-object-memory";
			return -E2BIG;
		}
		if (!(d = reallocarray(v->data, cap, v->elem))) {
			elf_file__release((cap - v->cap) * v->elem);
			return -ENOMEM;
		}
		v->data = d;
		v->cap = cap;
	}
	memcpy((char *)v->data + v->nr * v->elem, elem, v->elem);
	v->nr++;
	return 0;
}

static void seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Only the first problem is described: it is the one worth fixing. */
static void note(struct parser *ps, __u64 off, const char *what)
{
	if (ps->have_err)
		return;
	ps->have_err = true;
	seterr(ps->err, ps->errlen, ".eh_frame+0x%llx: %s", (unsigned long long)off, what);
}

/* --- bounded reads ------------------------------------------------------ */

static bool rd(struct cursor *c, void *dst, size_t n)
{
	if ((size_t)(c->end - c->p) < n)
		return false;
	memcpy(dst, c->p, n);
	c->p += n;
	return true;
}

static bool rd_u8(struct cursor *c, __u8 *v) { return rd(c, v, 1); }

static bool rd_uleb(struct cursor *c, __u64 *v)
{
	__u64 r = 0;

	for (unsigned int i = 0; i < LEB_MAX_BYTES; i++) {
		__u8 b;

		if (!rd_u8(c, &b))
			return false;
		if (i < 9)
			r |= (__u64)(b & 0x7f) << (7 * i);
		else if (b & 0x7e)	/* bits past 64 */
			return false;
		else
			r |= (__u64)(b & 1) << 63;
		if (!(b & 0x80)) {
			*v = r;
			return true;
		}
	}
	return false;
}

static bool rd_sleb(struct cursor *c, __s64 *v)
{
	__u64 r = 0;
	unsigned int shift = 0;

	for (unsigned int i = 0; i < LEB_MAX_BYTES; i++) {
		__u8 b;

		if (!rd_u8(c, &b))
			return false;
		if (shift < 64)
			r |= (__u64)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80)) {
			if (shift < 64 && (b & 0x40))
				r |= ~(__u64)0 << shift;
			*v = (__s64)r;
			return true;
		}
	}
	return false;
}

/* The value of a DW_EH_PE_* format (the low 4 bits of an encoding). */
static bool rd_format(struct cursor *c, __u8 fmt, __u64 *r)
{
	switch (fmt) {
	case PE_ABSPTR: case PE_UDATA8: case PE_SDATA8: {
		__u64 x;
		if (!rd(c, &x, 8))
			return false;
		*r = x;
		break;
	}
	case PE_UDATA4: {
		__u32 x;
		if (!rd(c, &x, 4))
			return false;
		*r = x;
		break;
	}
	case PE_SDATA4: {
		__s32 x;
		if (!rd(c, &x, 4))
			return false;
		*r = (__u64)(__s64)x;
		break;
	}
	case PE_UDATA2: {
		__u16 x;
		if (!rd(c, &x, 2))
			return false;
		*r = x;
		break;
	}
	case PE_SDATA2: {
		__s16 x;
		if (!rd(c, &x, 2))
			return false;
		*r = (__u64)(__s64)x;
		break;
	}
	case PE_ULEB128:
		if (!rd_uleb(c, r))
			return false;
		break;
	case PE_SLEB128: {
		__s64 x;
		if (!rd_sleb(c, &x))
			return false;
		*r = (__u64)x;
		break;
	}
	default:
		return false;
	}
	return true;
}

/* A DW_EH_PE_* encoded pointer. want_app = false for FDE pc ranges, which
 * use only the value format. Indirect pointers are read as their address
 * (only the personality uses them, and its value is never needed). */
static bool rd_encoded(struct parser *ps, struct cursor *c, __u8 enc, bool want_app, __u64 *v)
{
	__u64 field = ps->vaddr + (__u64)(c->p - ps->base);
	__u64 r;

	if (enc == PE_OMIT)
		return false;
	if (want_app && (enc & PE_APP_MASK) == PE_APP_ALIGNED) {
		size_t mis = (size_t)(c->p - ps->base) % ps->word;

		if (mis && (size_t)(c->end - c->p) < ps->word - mis)
			return false;
		if (mis)
			c->p += ps->word - mis;
		field = ps->vaddr + (__u64)(c->p - ps->base);
	}
	if ((enc & PE_FMT_MASK) == PE_ABSPTR && ps->word == 4)
		enc = (enc & ~PE_FMT_MASK) | PE_UDATA4;
	if (!rd_format(c, enc & PE_FMT_MASK, &r))
		return false;
	if (!want_app) {
		*v = ps->word == 4 ? (__u32)r : r;
		return true;
	}
	switch (enc & PE_APP_MASK) {
	case PE_APP_ABS: case PE_APP_ALIGNED:
		break;
	case PE_APP_PCREL:
		r += field;	/* wraps like the hardware does */
		break;
	case PE_APP_DATAREL:
		/* x86-64 unwinders use 0 as the data base in .eh_frame. */
		break;
	default:		/* textrel, funcrel: no meaning here */
		return false;
	}
	/* an i386 address wraps at 4 GiB */
	*v = ps->word == 4 ? (__u32)r : r;
	return true;
}

/* --- CIEs ------------------------------------------------------------------ */

/* An entry's extent: *body is after the length field(s), *next after the
 * entry. Returns 0, 1 for the zero terminator, or -1 for bad framing. */
static int entry_bounds(const struct parser *ps, size_t off, size_t *body, size_t *next)
{
	struct cursor c = { ps->base + off, ps->base + ps->size };
	__u32 len32;
	__u64 len;

	if (!rd(&c, &len32, 4))
		return -1;
	if (len32 == 0)
		return 1;
	len = len32;
	/* The 64-bit form; the CIE pointer after it stays 4 bytes in .eh_frame
	 * (as LLVM reads it; GCC's unwinder rejects the form altogether). */
	if (len32 == 0xffffffff && !rd(&c, &len, 8))
		return -1;
	*body = (size_t)(c.p - ps->base);
	if (len < 4 || len > ps->size - *body)
		return -1;
	*next = *body + (size_t)len;
	return 0;
}

/* The augmentation string's data after 'z' (at c, up to aug_end): the FDE
 * and LSDA encodings, the personality, the signal-frame mark. False when
 * it is cut short. */
static bool parse_augmentation(struct parser *ps, struct cie *cie, struct cursor *c,
			       const char *aug, size_t aug_len, const __u8 *aug_end)
{
	for (size_t i = 1; i < aug_len; i++) {
		struct cursor a = { c->p, aug_end };
		__u8 enc;
		__u64 dummy;

		switch (aug[i]) {
		case 'R':
			if (!rd_u8(&a, &cie->fde_enc))
				return false;
			break;
		case 'L':
			if (!rd_u8(&a, &cie->lsda_enc))
				return false;
			break;
		case 'P':
			if (!rd_u8(&a, &enc) || !rd_encoded(ps, &a, enc & ~PE_INDIRECT, true, &dummy))
				return false;
			break;
		case 'S':	/* signal frame: the caller's pc is no return address */
			cie->signal = true;
			continue;
		case 'B':
			continue;
		default:
			/* Like GCC's unwinder: with 'z' the data length lets us
			 * skip what we do not understand. */
			i = aug_len;
			continue;
		}
		c->p = a.p;
	}
	return true;
}

static void parse_cie(struct parser *ps, struct cie *cie, size_t body, size_t next)
{
	struct cursor c = { ps->base + body + 4, ps->base + next };
	const char *aug;
	size_t aug_len;
	__u8 version;
	__u64 aug_data_len = 0;
	const __u8 *aug_end = NULL;

	cie->fde_enc = PE_ABSPTR;
	cie->lsda_enc = PE_OMIT;
	cie->bad = "truncated CIE";
	if (!rd_u8(&c, &version))
		return;
	if (version != 1 && version != 3 && version != 4) {
		cie->bad = "unknown CIE version";
		return;
	}
	aug = (const char *)c.p;
	aug_len = strnlen(aug, (size_t)(c.end - c.p));
	if (aug_len == (size_t)(c.end - c.p))
		return;
	c.p += aug_len + 1;
	if (version == 4) {
		__u8 addr_size, seg_size;

		if (!rd_u8(&c, &addr_size) || !rd_u8(&c, &seg_size))
			return;
		if (addr_size != ps->word || seg_size != 0) {
			cie->bad = "CIE address size not the ELF class's, or segment size not 0";
			return;
		}
	}
	if (!rd_uleb(&c, &cie->caf) || !rd_sleb(&c, &cie->daf))
		return;
	if (version == 1) {
		__u8 ra;

		if (!rd_u8(&c, &ra))
			return;
		cie->ra_col = ra;
	} else if (!rd_uleb(&c, &cie->ra_col)) {
		return;
	}
	if (cie->ra_col == ps->reg->bp || cie->ra_col == ps->reg->sp) {
		cie->bad = "CIE return address column is rbp or rsp";
		return;
	}
	if (aug_len && aug[0] == 'z') {
		cie->aug_z = true;
		if (!rd_uleb(&c, &aug_data_len) || aug_data_len > (__u64)(c.end - c.p))
			return;
		aug_end = c.p + aug_data_len;
	} else if (aug_len) {
		/* "eh" and other pre-'z' forms: the layout after is unknown. */
		cie->bad = "CIE augmentation without 'z'";
		return;
	}
	if (!parse_augmentation(ps, cie, &c, aug, aug_len, aug_end))
		return;
	if (aug_end)
		c.p = aug_end;
	if (cie->fde_enc != PE_OMIT && (cie->fde_enc & PE_INDIRECT)) {
		cie->bad = "indirect FDE pointer encoding";
		return;
	}
	cie->insns = c.p;
	cie->insns_end = c.end;
	cie->bad = NULL;
}

static const struct cie *find_cie(const struct vec *cies, __u64 off)
{
	const struct cie *v = cies->data;
	size_t lo = 0, hi = cies->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].off == off)
			return &v[mid];
		if (v[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* --- the interpreter ------------------------------------------------------ */

/* A signal frame (an 'S' FDE, glibc's __restore_rt): CFA = *(rsp + A),
 * pc = *(rsp + A + 8), rbp = *(rsp + B) or unchanged. */
/* i386 (the 32-bit vDSO's __kernel_sigreturn and __kernel_rt_sigreturn):
 * CFA = *(esp + A), eip = *(esp + A + 28), ebp = *(esp + B): the sp and ip
 * fields of the kernel's struct sigcontext_32, 28 bytes apart. */
#define SIGCONTEXT32_SP_TO_IP	28

static struct cfi_row compact_signal(const struct cfa_state *s, unsigned int word)
{
	struct cfi_row r = { .kind = CFI_UNSUPPORTED };
	__s64 a = s->expr_off, w = word;

	if (a < 0 || a > 0xffff || s->ra.kind != RULE_AT_RSP ||
	    s->ra.off != a + (word == 4 ? SIGCONTEXT32_SP_TO_IP : 8))
		return r;
	if (s->rbp.kind == RULE_AT_RSP) {
		if (s->rbp.off <= 0 || s->rbp.off % w || s->rbp.off > w * 255)
			return r;
		r.rbp_slot = (__u8)(s->rbp.off / w);
	} else if (s->rbp.kind != RULE_SAME) {
		return r;
	}
	r.kind = CFI_SIGNAL;
	r.cfa_off = (__u16)a;
	return r;
}

/* The compact row for state s of an object with word-sized slots (x86-64:
 * 8, i386: 4, where the PLT and rdi forms are x86-64's only). */
static struct cfi_row compact(const struct parser *ps, const struct cfa_state *s, bool signal)
{
	struct cfi_row r = { .kind = CFI_UNSUPPORTED };
	const __s64 w = ps->word;

	/* An undefined return address marks the outermost frame (a thread's or
	 * process's first function): the walk ends there, whatever the CFA. */
	if (s->ra.kind == RULE_UNDEF) {
		r.kind = CFI_OUTERMOST;
		return r;
	}
	if (s->cfa_expr && s->expr == CFA_EXPR_DEREF_RSP && signal)
		return compact_signal(s, ps->word);
	if (s->cfa_expr && w == 8 && s->expr == CFA_EXPR_PLT && s->expr_off >= 0 && s->expr_off <= 0xffff &&
	    s->ra.kind == RULE_OFFSET && s->ra.off == -8 && s->rbp.kind == RULE_SAME) {
		r.kind = CFI_PLT;
		r.cfa_off = (__u16)s->expr_off;
		r.rbp_slot = s->expr_lit;
		return r;
	}
	/* glibc's vfork pops its return address into rdi around the syscall */
	if (!s->cfa_expr && s->cfa_reg == ps->reg->sp && s->ra.kind == RULE_REG &&
	    s->ra.reg == ps->reg->di && s->rbp.kind == RULE_SAME &&
	    s->cfa_off >= 0 && s->cfa_off <= 0xffff) {
		r.kind = CFI_RA_RDI;
		r.cfa_off = (__u16)s->cfa_off;
		return r;
	}
	if (s->cfa_expr || (s->cfa_reg != ps->reg->sp && s->cfa_reg != ps->reg->bp))
		return r;
	if (s->cfa_off < 0 || s->cfa_off > 0xffff)
		return r;
	if (s->ra.kind != RULE_OFFSET || s->ra.off != -w)
		return r;
	switch (s->rbp.kind) {
	case RULE_SAME: case RULE_UNDEF:
		break;
	case RULE_OFFSET:
		if (s->rbp.off >= 0 || s->rbp.off % w || s->rbp.off < -w * 255)
			return r;
		r.rbp_slot = (__u8)(-s->rbp.off / w);
		break;
	default:
		return r;
	}
	r.kind = s->cfa_reg == ps->reg->sp ? CFI_CFA_RSP : CFI_CFA_RBP;
	r.cfa_off = (__u16)s->cfa_off;
	return r;
}

/* Is [p, end) exactly DW_OP_breg7 off (the address rsp + off)? */
static bool rsp_plus(const struct parser *ps, const __u8 *p, const __u8 *end, __s64 *off)
{
	struct cursor c = { p, end };
	__u8 op;

	return rd_u8(&c, &op) && op == OP_breg0 + ps->reg->sp && rd_sleb(&c, off) && c.p == end;
}

/* Classify a CFA expression: the signal-frame form (DW_OP_breg7 A;
 * DW_OP_deref) and the PLT form GNU ld emits for lazy PLT entries
 * (DW_OP_breg7 A; DW_OP_breg16 0; DW_OP_lit15; DW_OP_and; DW_OP_litN;
 * DW_OP_ge; DW_OP_lit3; DW_OP_shl; DW_OP_plus). Anything else is OTHER. */
static void cfa_expression(const struct parser *ps, struct cfa_state *s, const __u8 *p,
			   const __u8 *end)
{
	static const __u8 plt_tail[] = { OP_lit0 + 15, OP_and, 0, OP_ge, OP_lit0 + 3, OP_shl, OP_plus };
	struct cursor c = { p, end };
	__s64 a, zero;
	__u8 op, b[sizeof(plt_tail)];

	s->expr = CFA_EXPR_OTHER;
	if (!rd_u8(&c, &op) || op != OP_breg0 + ps->reg->sp || !rd_sleb(&c, &a))
		return;
	s->expr_off = a;
	if (!rd_u8(&c, &op))
		return;
	if (op == OP_deref && c.p == end) {
		s->expr = CFA_EXPR_DEREF_RSP;
		return;
	}
	if (op != OP_breg0 + ps->reg->ip || !rd_sleb(&c, &zero) || zero || !rd(&c, b, sizeof(b)) ||
	    c.p != end || b[2] < OP_lit0 || b[2] > OP_lit0 + 15)
		return;
	for (size_t i = 0; i < sizeof(b); i++)
		if (i != 2 && b[i] != plt_tail[i])
			return;
	s->expr = CFA_EXPR_PLT;
	s->expr_lit = b[2] - OP_lit0;
}

struct interp {
	struct parser *ps;
	const struct cie *cie;
	struct cfa_state s, init;
	struct cfa_state stack[STATE_STACK];
	unsigned int depth;
	__u64 loc, end;		/* vaddrs */
	__u64 seg_delta;	/* file offset - vaddr, mod 2^64 */
	struct vec *rows;
	bool done;		/* loc reached end: later rows cover nothing */
};

static struct rule *rule_for(struct interp *in, __u64 reg)
{
	if (reg == in->ps->reg->bp)
		return &in->s.rbp;
	if (reg == in->cie->ra_col)
		return &in->s.ra;
	return NULL;
}

static int emit(struct interp *in)
{
	struct raw_row r = { .start = in->loc + in->seg_delta,
			     .val = compact(in->ps, &in->s, in->cie->signal) };

	return vec_push(in->rows, &r);
}

/* Move to new_loc, emitting the row for [loc, new_loc). */
static int advance(struct interp *in, __u64 new_loc)
{
	int err;

	if (new_loc < in->loc)
		return -EINVAL;
	if (new_loc == in->loc || in->done)
		return 0;
	if ((err = emit(in)))
		return err;
	in->loc = new_loc;
	if (in->loc >= in->end)
		in->done = true;
	return 0;
}

/* --- the CFA program ------------------------------------------------------ */

/* One decoded instruction: the opcode (a primary opcode's low 6 bits moved
 * into reg or u) and its operands. */
struct insn {
	__u8 op;
	__u64 reg;		/* the register operand */
	__u64 u;		/* the unsigned one: offset, delta, register, address */
	__s64 s;		/* the signed one */
	const __u8 *block;	/* an expression: block[0, u) */
};

enum operand { OPND_NONE, OPND_ULEB, OPND_SLEB, OPND_BLOCK, OPND_U8, OPND_U16, OPND_U32, OPND_ADDR };

/* Operands of each extended opcode (DWARF 5 6.4.2 and GCC's two): whether a
 * register comes first, then the kind of the other. Not known: not handled. */
static const struct { bool known, reg; enum operand val; } cfa_operands[] = {
	[CFA_nop] = { true, false, OPND_NONE },
	[CFA_set_loc] = { true, false, OPND_ADDR },
	[CFA_advance_loc1] = { true, false, OPND_U8 },
	[CFA_advance_loc2] = { true, false, OPND_U16 },
	[CFA_advance_loc4] = { true, false, OPND_U32 },
	[CFA_offset_extended] = { true, true, OPND_ULEB },
	[CFA_restore_extended] = { true, true, OPND_NONE },
	[CFA_undefined] = { true, true, OPND_NONE },
	[CFA_same_value] = { true, true, OPND_NONE },
	[CFA_register] = { true, true, OPND_ULEB },
	[CFA_remember_state] = { true, false, OPND_NONE },
	[CFA_restore_state] = { true, false, OPND_NONE },
	[CFA_def_cfa] = { true, true, OPND_ULEB },
	[CFA_def_cfa_register] = { true, true, OPND_NONE },
	[CFA_def_cfa_offset] = { true, false, OPND_ULEB },
	[CFA_def_cfa_expression] = { true, false, OPND_BLOCK },
	[CFA_expression] = { true, true, OPND_BLOCK },
	[CFA_offset_extended_sf] = { true, true, OPND_SLEB },
	[CFA_def_cfa_sf] = { true, true, OPND_SLEB },
	[CFA_def_cfa_offset_sf] = { true, false, OPND_SLEB },
	[CFA_val_offset] = { true, true, OPND_ULEB },
	[CFA_val_offset_sf] = { true, true, OPND_SLEB },
	[CFA_val_expression] = { true, true, OPND_BLOCK },
	[CFA_GNU_args_size] = { true, false, OPND_ULEB },
	[CFA_GNU_negative_offset_extended] = { true, true, OPND_ULEB },
};

/* Read the operand of kind k into in; false when it is cut or malformed. */
static bool read_operand(struct parser *ps, struct cursor *c, const struct cie *cie,
			 enum operand k, struct insn *in)
{
	__u8 b;

	switch (k) {
	case OPND_NONE:
		return true;
	case OPND_ULEB:
		return rd_uleb(c, &in->u);
	case OPND_SLEB:
		return rd_sleb(c, &in->s);
	case OPND_BLOCK:
		if (!rd_uleb(c, &in->u) || in->u > (__u64)(c->end - c->p))
			return false;
		in->block = c->p;
		c->p += in->u;
		return true;
	case OPND_U8:
		if (!rd_u8(c, &b))
			return false;
		in->u = b;
		return true;
	case OPND_U16:
		return rd_format(c, PE_UDATA2, &in->u);
	case OPND_U32:
		return rd_format(c, PE_UDATA4, &in->u);
	case OPND_ADDR:
		return rd_encoded(ps, c, cie->fde_enc, true, &in->u);
	}
	return false;
}

/* Decode the instruction at c. Returns 0, or -EINVAL with *why set. */
static int decode(struct parser *ps, struct cursor *c, const struct cie *cie,
		  struct insn *in, const char **why)
{
	__u8 op = 0;

	*in = (struct insn){ 0 };
	rd_u8(c, &op);
	*why = "truncated instruction or bad LEB128";
	/* a primary opcode's operand is in its low 6 bits: a delta for
	 * advance_loc, the register for offset and restore */
	switch (op & 0xc0) {
	case CFA_advance_loc:
		in->op = CFA_advance_loc;
		in->u = op & 0x3f;
		return 0;
	case CFA_offset:
		in->op = CFA_offset;
		in->reg = op & 0x3f;
		return rd_uleb(c, &in->u) ? 0 : -EINVAL;
	case CFA_restore:
		in->op = CFA_restore;
		in->reg = op & 0x3f;
		return 0;
	}
	if (op >= sizeof(cfa_operands) / sizeof(cfa_operands[0]) || !cfa_operands[op].known) {
		*why = "unknown DW_CFA opcode";
		return -EINVAL;
	}
	in->op = op;
	if (cfa_operands[op].reg && !rd_uleb(c, &in->reg))
		return -EINVAL;
	return read_operand(ps, c, cie, cfa_operands[op].val, in) ? 0 : -EINVAL;
}

/* reg's rule "saved at CFA + n * factor"; n_ok false (an unsigned
 * operand past INT64_MAX) or an overflow make it one we cannot follow. */
static void rule_offset(struct interp *in, __u64 reg, __s64 n, bool n_ok, __s64 factor)
{
	struct rule *r = rule_for(in, reg);

	if (!r)
		return;
	r->kind = n_ok && !__builtin_mul_overflow(n, factor, &r->off) ? RULE_OFFSET : RULE_OTHER;
}

static void rule_restore(struct interp *in, __u64 reg)
{
	struct rule *r = rule_for(in, reg);

	if (r)
		*r = reg == in->ps->reg->bp ? in->init.rbp : in->init.ra;
}

static void rule_expression(struct interp *in, const struct insn *i)
{
	struct rule *r = rule_for(in, i->reg);

	if (!r)
		return;
	r->kind = RULE_OTHER;
	if (i->op == CFA_expression && rsp_plus(in->ps, i->block, i->block + i->u, &r->off))
		r->kind = RULE_AT_RSP;
}

static void rule_kind(struct interp *in, __u64 reg, enum rule_kind kind)
{
	struct rule *r = rule_for(in, reg);

	if (r)
		r->kind = kind;
}

/* DW_CFA_register: reg is saved in register other. */
static void rule_register(struct interp *in, __u64 reg, __u64 other)
{
	struct rule *r = rule_for(in, reg);

	if (r) {
		r->kind = reg == other ? RULE_SAME : RULE_REG;
		r->reg = other;
	}
}

/* CFA = reg + off. An offset we cannot represent is -1: unsupported. */
static void cfa_set(struct interp *in, __u64 reg, __s64 off)
{
	in->s.cfa_expr = false;
	in->s.cfa_reg = reg;
	in->s.cfa_off = off;
}

static __s64 cfa_uoff(__u64 u) { return (__s64)u < 0 ? -1 : (__s64)u; }

static __s64 cfa_soff(__s64 s, __s64 daf)
{
	__s64 off;

	return __builtin_mul_overflow(s, daf, &off) ? -1 : off;
}

/* Move the location by delta code-alignment units (a CIE may not). */
static int advance_by(struct interp *in, __u64 delta, const char **why)
{
	__u64 loc;

	if (!in->rows) {
		*why = "DW_CFA_advance_loc in CIE";
		return -EINVAL;
	}
	if (__builtin_mul_overflow(delta, in->cie->caf, &delta) ||
	    __builtin_add_overflow(in->loc, delta, &loc)) {
		*why = "DW_CFA_advance_loc overflows";
		return -EINVAL;
	}
	return advance(in, loc);
}

static int set_loc(struct interp *in, __u64 loc, const char **why)
{
	if (!in->rows) {
		*why = "DW_CFA_set_loc in CIE";
		return -EINVAL;
	}
	if (loc < in->loc) {
		*why = "DW_CFA_set_loc goes backwards";
		return -EINVAL;
	}
	return advance(in, loc);
}

static int remember_state(struct interp *in, const char **why)
{
	if (in->depth == STATE_STACK) {
		*why = "DW_CFA_remember_state nested too deep";
		return -EINVAL;
	}
	in->stack[in->depth++] = in->s;
	return 0;
}

/* The CFA is part of the remembered state (DWARF 5 6.4.2.4, and what GCC
 * emits code for). */
static int restore_state(struct interp *in, const char **why)
{
	if (!in->depth) {
		*why = "DW_CFA_restore_state without remember_state";
		return -EINVAL;
	}
	in->s = in->stack[--in->depth];
	return 0;
}

/* Carry out one decoded instruction. Returns 0, -ENOMEM or -EINVAL with
 * *why set. */
static int execute(struct interp *in, const struct insn *i, const char **why)
{
	__s64 daf = in->cie->daf;

	switch (i->op) {
	case CFA_advance_loc:
	case CFA_advance_loc1:
	case CFA_advance_loc2:
	case CFA_advance_loc4:
		return advance_by(in, i->u, why);
	case CFA_set_loc:
		return set_loc(in, i->u, why);
	case CFA_offset:
	case CFA_offset_extended:
		rule_offset(in, i->reg, (__s64)i->u, (__s64)i->u >= 0, daf);
		break;
	case CFA_GNU_negative_offset_extended:
		rule_offset(in, i->reg, (__s64)i->u, (__s64)i->u >= 0, -daf);
		break;
	case CFA_offset_extended_sf:
		rule_offset(in, i->reg, i->s, true, daf);
		break;
	case CFA_restore:
	case CFA_restore_extended:
		rule_restore(in, i->reg);
		break;
	case CFA_undefined:
		rule_kind(in, i->reg, RULE_UNDEF);
		break;
	case CFA_same_value:
		rule_kind(in, i->reg, RULE_SAME);
		break;
	case CFA_val_offset:
	case CFA_val_offset_sf:
		rule_kind(in, i->reg, RULE_OTHER);
		break;
	case CFA_register:
		rule_register(in, i->reg, i->u);
		break;
	case CFA_expression:
	case CFA_val_expression:
		rule_expression(in, i);
		break;
	case CFA_remember_state:
		return remember_state(in, why);
	case CFA_restore_state:
		return restore_state(in, why);
	case CFA_def_cfa:
		cfa_set(in, i->reg, cfa_uoff(i->u));
		break;
	case CFA_def_cfa_sf:
		cfa_set(in, i->reg, cfa_soff(i->s, daf));
		break;
	case CFA_def_cfa_register:
		cfa_set(in, i->reg, in->s.cfa_off);
		break;
	case CFA_def_cfa_offset:
		in->s.cfa_off = cfa_uoff(i->u);
		break;
	case CFA_def_cfa_offset_sf:
		in->s.cfa_off = cfa_soff(i->s, daf);
		break;
	case CFA_def_cfa_expression:
		cfa_expression(in->ps, &in->s, i->block, i->block + i->u);
		in->s.cfa_expr = true;
		break;
	}
	return 0;	/* DW_CFA_nop, DW_CFA_GNU_args_size: nothing to do */
}

/* Run [p, end) from the current state. Returns 0, -ENOMEM, or -EINVAL
 * with *why set. A CIE's initial instructions run with in->rows == NULL:
 * they may not advance. */
static int run(struct interp *in, const __u8 *p, const __u8 *end, const char **why)
{
	struct cursor c = { p, end };

	while (c.p < c.end && !in->done) {
		struct insn i;
		int err = decode(in->ps, &c, in->cie, &i, why);

		if (!err)
			err = execute(in, &i, why);
		if (err)
			return err;
	}
	return 0;
}

/* --- FDEs ----------------------------------------------------------------- */

/* Rows of [pc, end): the CIE's initial instructions, then the FDE's at c.
 * Returns 0, -ENOMEM, -E2BIG (over a cap) or -EINVAL with *why set. */
static int interpret(struct interp *in, const struct cursor *c, __u64 pc, __u64 end,
		     const char **why)
{
	struct vec *rows = in->rows;
	int err;

	in->ps->work += (size_t)(in->cie->insns_end - in->cie->insns) + (size_t)(c->end - c->p);
	if (in->ps->work > CFI_MAX_WORK)
		return -E2BIG;
	in->loc = pc;
	in->end = end;
	in->s.cfa_reg = in->ps->reg->sp;
	in->s.rbp.kind = RULE_SAME;
	in->s.ra.kind = RULE_UNDEF;
	in->rows = NULL;	/* the CIE's instructions may not advance */
	if ((err = run(in, in->cie->insns, in->cie->insns_end, why)))
		return err;
	in->init = in->s;
	in->depth = 0;		/* states remembered in the CIE do not carry over */
	in->rows = rows;
	if ((err = run(in, c->p, c->end, why)))
		return err;
	return in->done ? 0 : emit(in);
}

/* An FDE whose range is known but whose instructions we could not follow:
 * one unsupported row over it, so the walker stops there instead of
 * guessing from a neighbour's rows. Returns 0, -ENOMEM or -E2BIG. */
static int fde_unsupported(struct vec *rows, struct fde *f)
{
	struct raw_row r = { .start = f->start, .val = { .kind = CFI_UNSUPPORTED } };
	int err;

	rows->nr = f->first;
	if ((err = vec_push(rows, &r)))
		return err;
	f->nr = 1;
	return 0;
}

/* One FDE at [off, next): appends its rows and its struct fde. Returns 0
 * (also for a bad FDE, which is counted and noted), -ENOMEM or -E2BIG. */
static int parse_fde(struct parser *ps, const struct vec *cies, size_t off, size_t body,
		     size_t next, struct vec *rows, struct vec *fdes, struct cfi_stats *st)
{
	struct cursor c = { ps->base + body, ps->base + next };
	struct interp in = { .ps = ps, .rows = rows };
	struct fde f = { .first = rows->nr, .order = fdes->nr };
	const struct elf_segment *seg;
	__u32 id = 0;
	__u64 cie_off, pc, range, end;
	const char *why = "truncated FDE";
	int err;

	rd(&c, &id, 4);		/* entry_bounds checked len >= 4 */
	cie_off = (__u64)(body - (__u64)id);	/* relative, backwards, mod 2^64 */
	if (!(in.cie = find_cie(cies, cie_off))) {
		why = "FDE's CIE pointer is not a CIE";
		goto bad;
	}
	if (in.cie->bad) {
		why = in.cie->bad;
		goto bad;
	}
	if (!rd_encoded(ps, &c, in.cie->fde_enc, true, &pc) ||
	    !rd_encoded(ps, &c, in.cie->fde_enc & PE_FMT_MASK, false, &range))
		goto bad;
	if (__builtin_add_overflow(pc, range, &end)) {
		why = "FDE pc range overflows";
		goto bad;
	}
	if (range == 0) {
		st->fdes_empty++;
		return 0;
	}
	if (ps->nr_segs) {
		if (!(seg = elf_segments__holding(ps->segs, ps->nr_segs, pc, end))) {
			st->fdes_unmapped++;
			return 0;
		}
		in.seg_delta = seg->offset - seg->vaddr;
	}
	f.start = pc + in.seg_delta;
	f.end = end + in.seg_delta;
	if (f.end > UINT32_MAX || f.end < f.start) {
		why = "FDE pc range beyond 4 GiB of file offsets";
		goto bad;
	}
	if (in.cie->aug_z) {
		__u64 len;

		if (!rd_uleb(&c, &len) || len > (__u64)(c.end - c.p))
			goto bad;
		c.p += len;
	}
	if ((err = interpret(&in, &c, pc, end, &why))) {
		if (err == -ENOMEM || err == -E2BIG || (err = fde_unsupported(rows, &f)))
			return err;
		st->errors++;
		note(ps, off, why);
		return vec_push(fdes, &f);
	}
	f.nr = rows->nr - f.first;
	return vec_push(fdes, &f);
bad:
	st->errors++;
	note(ps, off, why);
	return 0;
}

/* --- sort, clip, merge ---------------------------------------------------- */

static int fde_cmp(const void *a, const void *b)
{
	const struct fde *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int out_push(struct vec *out, struct cfi_stats *st, __u64 start, struct cfi_row val)
{
	struct cfi_row *last = out->nr ? (struct cfi_row *)out->data + out->nr - 1 : NULL;

	st->rows_raw++;
	if (last && last->kind == val.kind && last->cfa_off == val.cfa_off &&
	    last->rbp_slot == val.rbp_slot)
		return 0;
	val.start = (__u32)start;
	return vec_push(out, &val);
}

/*
 * glibc's clone and clone3 end their FDE just before the syscall
 * instruction (the child's frame differs), so the parent's syscall would
 * sit in a gap. In the parent nothing changes between the FDE's last
 * instruction, `mov $nr, %eax`, and the end of `syscall` (i386: `int
 * $0x80`): that syscall instruction is covered by the FDE's last row.
 * Returns the bytes covered past the FDE's end (2, or 0 when the code is
 * not that shape).
 */
static size_t syscall_after_fde(const struct parser *ps, __u64 end, __u64 next_start)
{
	__u8 code[7];
	const __u8 *b = code + 5;

	/* a few bytes read where needed: the file may be large and sparse */
	if (ps->fd < 0 || end < 5 || end + 2 > next_start ||
	    pread(ps->fd, code, sizeof(code), end - 5) != sizeof(code))
		return 0;
	if (b[-5] != 0xb8)
		return 0;
	if (ps->word == 4)
		return b[0] == 0xcd && b[1] == 0x80 ? 2 : 0;
	return b[0] == 0x0f && b[1] == 0x05 ? 2 : 0;
}

/* The end of FDE f: a gap up to next_start, after the parent's syscall
 * row where syscall_after_fde() says so. */
static int fde_tail(const struct parser *ps, const struct fde *f, const struct raw_row *raw,
		    __u64 next_start, struct vec *out, struct cfi_stats *st)
{
	size_t n = syscall_after_fde(ps, f->end, next_start);
	int err;

	if (n && f->nr) {
		if ((err = out_push(out, st, f->end, raw[f->first + f->nr - 1].val)))
			return err;
		st->syscall_rows++;
	}
	if (f->end + n < next_start)
		return out_push(out, st, f->end + n, (struct cfi_row){ .kind = CFI_GAP });
	return 0;
}

static int build(const struct parser *ps, struct vec *fdes, const struct vec *rows,
		 struct vec *out, struct cfi_stats *st)
{
	const struct raw_row *raw = rows->data;
	struct fde *f = fdes->data;
	__u64 covered = 0;	/* offsets below this belong to an earlier FDE */
	size_t last = 0;	/* the FDE that ended at covered */
	bool any = false;
	int err;

	if (fdes->nr)
		qsort(f, fdes->nr, sizeof(*f), fde_cmp);
	for (size_t i = 0; i < fdes->nr; i++) {
		__u64 from = f[i].start;

		if (any && f[i].end <= covered) {
			st->overlaps++;
			continue;
		}
		if (any && from < covered) {
			st->overlaps++;
			from = covered;
		}
		if (any && covered < from && (err = fde_tail(ps, &f[last], raw, from, out, st)))
			return err;
		for (size_t j = 0; j < f[i].nr; j++) {
			const struct raw_row *r = &raw[f[i].first + j];
			__u64 r_end = j + 1 < f[i].nr ? r[1].start : f[i].end;

			if (r_end <= from)
				continue;
			if ((err = out_push(out, st, r->start > from ? r->start : from, r->val)))
				return err;
		}
		covered = f[i].end;
		last = i;
		any = true;
	}
	if (any && (err = fde_tail(ps, &f[last], raw, UINT64_MAX, out, st)))
		return err;
	return 0;
}

/* --- entry points --------------------------------------------------------- */

/* The first of vecs that stopped at a cap, or NULL. */
static const struct vec *vec_over(const struct vec *const *vecs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (vecs[i]->over)
			return vecs[i];
	return NULL;
}

/* cfi__from_memory, with the file (fd) when there is one, for an object
 * of word-sized addresses (8: x86-64, 4: i386). */
static int from_memory(const void *eh_frame, size_t size, __u64 eh_frame_vaddr,
		       const struct elf_segment *segs, size_t nr_segs,
		       int fd, unsigned int word,
		       struct cfi_rows *out, char *err, size_t errlen)
{
	struct parser ps = {
		.base = eh_frame, .size = size, .vaddr = eh_frame_vaddr,
		.segs = segs, .nr_segs = nr_segs, .err = err, .errlen = errlen,
		.fd = fd,
		.word = word, .reg = word == 4 ? &regs_i386 : &regs_x86_64,
	};
	struct vec cies = { .elem = sizeof(struct cie), .max = CFI_MAX_CIES, .what = "CIEs" };
	struct vec rows = { .elem = sizeof(struct raw_row), .max = CFI_MAX_ROWS, .what = "rows" };
	struct vec fdes = { .elem = sizeof(struct fde), .max = CFI_MAX_FDES, .what = "FDEs" };
	struct vec res = { .elem = sizeof(struct cfi_row), .max = CFI_MAX_ROWS, .what = "rows" };
	const struct vec *all[] = { &cies, &rows, &fdes, &res }, *over;
	struct cfi_stats st = {};
	size_t off, body, next;
	int ret = 0, r;

	memset(out, 0, sizeof(*out));
	out->word = word;
	if (err && errlen)
		err[0] = 0;
	/* Pass 1: framing and CIEs (an FDE may point at a later CIE). */
	for (off = 0; off < size; off = next) {
		struct cie cie = { .off = off };

		if ((r = entry_bounds(&ps, off, &body, &next)) == 1)
			break;
		if (r < 0) {
			seterr(err, errlen, ".eh_frame+0x%zx: entry length runs past the section (size 0x%zx)",
			       off, size);
			ret = -EINVAL;
			goto out;
		}
		if (ps.base[body] | ps.base[body + 1] | ps.base[body + 2] | ps.base[body + 3])
			continue;
		parse_cie(&ps, &cie, body, next);
		st.cies++;
		if ((ret = vec_push(&cies, &cie)))
			goto out;
	}
	/* Pass 2: FDEs, up to the same terminator. */
	for (off = 0; off < size; off = next) {
		if (entry_bounds(&ps, off, &body, &next))
			break;
		if (!(ps.base[body] | ps.base[body + 1] | ps.base[body + 2] | ps.base[body + 3]))
			continue;
		st.fdes++;
		if ((ret = parse_fde(&ps, &cies, off, body, next, &rows, &fdes, &st)))
			goto out;
	}
	if ((ret = build(&ps, &fdes, &rows, &res, &st)))
		goto out;
	for (size_t i = 0; i < res.nr; i++) {
		switch (((struct cfi_row *)res.data)[i].kind) {
		case CFI_GAP: st.gaps++; break;
		case CFI_CFA_RSP: st.rsp++; break;
		case CFI_CFA_RBP: st.rbp++; break;
		case CFI_OUTERMOST: st.outermost++; break;
		case CFI_SIGNAL: st.signal++; break;
		case CFI_PLT: st.plt++; break;
		case CFI_RA_RDI: st.ra_rdi++; break;
		default: st.unsupported++; break;
		}
	}
	st.rows = res.nr;
	out->rows = res.data;
	out->nr = res.nr;
	res.data = NULL;
	out->stats = st;
out:
	if (ret == -ENOMEM)
		seterr(err, errlen, "out of memory");
	if (ret == -E2BIG && (over = vec_over(all, 4)))
		seterr(err, errlen, ".eh_frame: more than %zu %s: over %s", over->nr, over->what,
		       over->over);
	else if (ret == -E2BIG)
		seterr(err, errlen, ".eh_frame: more than %u bytes of CFA instructions to run: "
		       "over its cap", CFI_MAX_WORK);
	/* the rows handed out live only until they are in the BPF maps */
	for (size_t i = 0; i < 4; i++)
		elf_file__release(all[i]->cap * all[i]->elem);
	free(cies.data);
	free(rows.data);
	free(fdes.data);
	free(res.data);
	return ret;
}

int cfi__from_memory(const void *eh_frame, size_t size, __u64 eh_frame_vaddr,
		     const struct elf_segment *segs, size_t nr_segs,
		     struct cfi_rows *out, char *err, size_t errlen)
{
	return from_memory(eh_frame, size, eh_frame_vaddr, segs, nr_segs, -1, 8,
			   out, err, errlen);
}

int cfi__from_memory_i386(const void *eh_frame, size_t size, __u64 eh_frame_vaddr,
			  const struct elf_segment *segs, size_t nr_segs,
			  struct cfi_rows *out, char *err, size_t errlen)
{
	return from_memory(eh_frame, size, eh_frame_vaddr, segs, nr_segs, -1, 4,
			   out, err, errlen);
}

int cfi__from_file(const char *path, struct cfi_rows *out, char *err, size_t errlen)
{
	int fd, ret;

	memset(out, 0, sizeof(*out));
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		ret = -errno;
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	ret = cfi__from_fd(fd, path, out, err, errlen);
	close(fd);
	return ret;
}

/* The .eh_frame section with its header in *eh, or NULL. LLVM's
 * assembler types it SHT_X86_64_UNWIND; a separate debug file has it as
 * NOBITS, which is no use. */
static Elf_Scn *find_eh_frame(struct elf_file *f, GElf_Shdr *eh)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(f->elf, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, eh))
			continue;
		name = elf_file__section_name(f, eh);
		if (name && !strcmp(name, ".eh_frame") &&
		    (eh->sh_type == SHT_PROGBITS || eh->sh_type == SHT_X86_64_UNWIND))
			return scn;
	}
	return NULL;
}

/* The rows of f's .eh_frame (its file fd, named path in err). */
static int from_elf(struct elf_file *f, int fd, const char *path, struct cfi_rows *out,
		    char *err, size_t errlen)
{
	struct elf_segment *segs = NULL;
	size_t nr_segs = 0;
	Elf_Scn *scn;
	Elf_Data *data;
	GElf_Shdr eh = {};
	GElf_Ehdr ehdr;
	unsigned int word;
	int ret = -EINVAL;

	/* x86-64 objects, and i386 ones for compat (gcc -m32) processes */
	if (!gelf_getehdr(f->elf, &ehdr) || (gelf_getclass(f->elf) != ELFCLASS64 &&
	    (gelf_getclass(f->elf) != ELFCLASS32 || ehdr.e_machine != EM_386))) {
		seterr(err, errlen, "%s: not a 64-bit or i386 ELF file", path);
		return -EINVAL;
	}
	word = gelf_getclass(f->elf) == ELFCLASS32 ? 4 : 8;
	if ((ret = elf_segments__read(f->elf, &segs, &nr_segs))) {
		seterr(err, errlen, "%s: %s", path, ret == -ENOMEM ? "out of memory" :
		       elf_errmsg(-1));
		return ret;
	}
	ret = -EINVAL;
	if (!(scn = find_eh_frame(f, &eh))) {
		ret = -ENOENT;
		seterr(err, errlen, "%s: no .eh_frame section", path);
	} else if (!nr_segs) {
		seterr(err, errlen, "%s: no PT_LOAD segments", path);
	} else if (!(data = elf_file__data(f, scn, ELF_MAX_SECTION, ".eh_frame"))) {
		seterr(err, errlen, "%s: .eh_frame not read (refused or unreadable)", path);
	} else {
		/* An empty .eh_frame (Free Pascal emits one) is an empty table. */
		ret = from_memory(data->d_size ? data->d_buf : "", data->d_size, eh.sh_addr, segs,
				  nr_segs, fd, word, out, err, errlen);
		if (ret == -E2BIG)
			elf_file__count_refusal();
		if (ret && err && errlen) {
			char tmp[256];

			snprintf(tmp, sizeof(tmp), "%s", err);
			seterr(err, errlen, "%s: %s", path, tmp);
		}
	}
	free(segs);
	return ret;
}

int cfi__from_fd(int fd, const char *path, struct cfi_rows *out, char *err, size_t errlen)
{
	struct elf_file f;
	int ret;

	memset(out, 0, sizeof(*out));
	if (err && errlen)
		err[0] = 0;
	/* pread as needed: no mapping of a file the target may truncate
	 * under us (SIGBUS), no use of the fd's offset; sizes checked */
	if ((ret = elf_file__open(&f, fd, path))) {
		seterr(err, errlen, "%s: %s", path, ret == -1 ? "not an ELF file" :
		       "over the limits of what is read from an object");
		return ret == -1 ? -EINVAL : ret;
	}
	ret = from_elf(&f, fd, path, out, err, errlen);
	elf_file__close(&f);
	return ret;
}

const struct cfi_row *cfi__lookup(const struct cfi_rows *t, __u64 off)
{
	size_t lo = 0, hi = t->nr;

	/* Last row with start <= off. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->rows[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &t->rows[lo - 1] : NULL;
}

const char *cfi__kind_name(unsigned int kind)
{
	switch (kind) {
	case CFI_GAP: return "gap";
	case CFI_CFA_RSP: return "rsp";
	case CFI_CFA_RBP: return "rbp";
	case CFI_UNSUPPORTED: return "unsupported";
	case CFI_OUTERMOST: return "outermost";
	case CFI_SIGNAL: return "signal";
	case CFI_PLT: return "plt";
	case CFI_RA_RDI: return "ra_rdi";
	}
	return "?";
}

void cfi__free(struct cfi_rows *t)
{
	free(t->rows);
	t->rows = NULL;
	t->nr = 0;
}
