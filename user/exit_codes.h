/* SPDX-License-Identifier: MIT */
/*
 * Exit statuses of syso-kagg (doc/exit-codes.md). When the target ran, the
 * tool exits with the target's status (128+N if it died of signal N), like
 * strace; the codes below are for failures of the tool itself, chosen from
 * sysexits.h and the shell's conventions so they rarely collide.
 */
#ifndef SYSO_KAGG_EXIT_CODES_H
#define SYSO_KAGG_EXIT_CODES_H

enum {
	EXIT_USAGE = 2,		/* bad option or value */
	EXIT_NOPROC = 66,	/* -p PID: no such process */
	EXIT_UNAVAILABLE = 69,	/* kernel lacks a needed feature (BTF, BPF, ...) */
	EXIT_SOFTWARE = 70,	/* internal error: BPF load/attach failed, ... */
	EXIT_CANTCREAT = 73,	/* -o FILE cannot be written */
	EXIT_NOPERM = 77,	/* not root / missing CAP_BPF+CAP_PERFMON */
	EXIT_NOEXEC = 126,	/* target found but not executable */
	EXIT_NOTFOUND = 127,	/* target not found */
};

#endif
