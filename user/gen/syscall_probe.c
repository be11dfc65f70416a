// SPDX-License-Identifier: MIT
/*
 * Build-time probe for gen_syscall_classes.sh: makes every x86_64 system
 * call whose number is given on the command line once, under `strace -e trace=%CLASS -c`, so that strace's own
 * count table lists exactly the members of the class.
 *
 * None of them runs: a seccomp filter, installed first, makes every call
 * whose first argument is PROBE_MAGIC fail with ENOSYS before the kernel
 * executes it. strace still sees each one, because ptrace's syscall-entry
 * stop comes before seccomp. Calls without the magic (the C library's own,
 * and the final exit) run normally.
 * Not linked into syso-kagg (user/gen/ is not in the tool's sources).
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PROBE_MAGIC 0x5eca11c1a55e5ULL	/* an address no process maps */

static int deny_magic_calls(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (__u32)PROBE_MAGIC, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]) + 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (__u32)(PROBE_MAGIC >> 32), 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

int main(int argc, char **argv)
{
	long nr, r;
	char *end;
	int i;

	for (i = 1; i < argc; i++)
		if (strtol(argv[i], &end, 10) < 0 || *end || end == argv[i]) {
			fprintf(stderr, "usage: syscall_probe NR...\n");
			return 2;
		}
	if (deny_magic_calls()) {
		perror("syscall_probe: seccomp");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		nr = strtol(argv[i], NULL, 10);
		r = syscall(nr, PROBE_MAGIC, PROBE_MAGIC, PROBE_MAGIC, PROBE_MAGIC,
			    PROBE_MAGIC, PROBE_MAGIC);
		/* anything but ENOSYS means a call ran: the probe is unsafe */
		if (r != -1 || errno != ENOSYS) {
			fprintf(stderr, "syscall_probe: syscall %ld was not refused\n", nr);
			return 1;
		}
	}
	return 0;
}
