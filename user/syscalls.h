/* SPDX-License-Identifier: MIT */
/* Syscall names from the generated kernel table. */
#ifndef SYSO_KAGG_SYSCALLS_H
#define SYSO_KAGG_SYSCALLS_H

#include <stddef.h>
#include <linux/types.h>

/* Name of count_key.nr (COUNT_NR_COMPAT selects the i386 table) into buf:
 * "write", "i386:write", or "syscall_NNN" for numbers without a name. */
const char *syscalls__name(__u32 nr, char *buf, size_t len);

#endif
