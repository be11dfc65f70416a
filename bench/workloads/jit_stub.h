/* SPDX-License-Identifier: MIT */
/* Generated code for the mapping workloads: `mov $110, %eax; syscall; ret`
 * (getppid) written at the start of a page, called through a pointer. */
#ifndef JIT_STUB_H
#define JIT_STUB_H

#include <string.h>

static inline void jit_write(void *page)
{
	static const unsigned char code[] = { 0xb8, 110, 0, 0, 0, 0x0f, 0x05, 0xc3 };

	memcpy(page, code, sizeof(code));
}

static inline long jit_call(void *page)
{
	return ((long (*)(void))page)();
}

#endif
