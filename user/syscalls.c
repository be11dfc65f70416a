// SPDX-License-Identifier: MIT
/* Syscall number -> name, from build/syscall_table.h (generated). */
#include <stdio.h>

#include "shared/counts.h"
#include "syscalls.h"
#include "syscall_table.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

const char *syscalls__name(__u32 nr, char *buf, size_t len)
{
	__u32 n = nr & ~COUNT_NR_COMPAT;

	if (nr & COUNT_NR_COMPAT) {
		if (n < ARRAY_SIZE(syscall_names_i386) && syscall_names_i386[n])
			snprintf(buf, len, "i386:%s", syscall_names_i386[n]);
		else
			snprintf(buf, len, "i386:syscall_%u", n);
		return buf;
	}
	if (n < ARRAY_SIZE(syscall_names_x86_64) && syscall_names_x86_64[n])
		return syscall_names_x86_64[n];
	snprintf(buf, len, "syscall_%u", n);
	return buf;
}
