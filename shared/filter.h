/* SPDX-License-Identifier: MIT */
/* -e trace=SET: the syscalls to count, as a bitmap set before load. */
#ifndef SYSO_KAGG_FILTER_H
#define SYSO_KAGG_FILTER_H

/* Bits per ABI: x86_64 numbers at 0.., i386 numbers at FILTER_ABI_BITS..
 * Both tables end below 512 (the x32 calls have bit 30 set and are not
 * counted apart); a number beyond is never in the set. */
#define FILTER_ABI_BITS		512
#define FILTER_WORDS		(2 * FILTER_ABI_BITS / 64)
_Static_assert(FILTER_ABI_BITS % 64 == 0, "each ABI's bits start a word");
_Static_assert((FILTER_WORDS & (FILTER_WORDS - 1)) == 0,
	       "the BPF side masks the word index with FILTER_WORDS - 1");

#endif
