// SPDX-License-Identifier: MIT
/*
 * bench-floor: load and attach the empty sys_enter program, run
 * PROGRAM ARGS, wait for it, and exit with its status. With
 * kernel.bpf_stats_enabled=1 it prints, at exit and while the program is
 * still attached, the line syso-kagg --bpf-stats prints:
 *	bpf-stats: sys_enter run_cnt=N run_time_ns=T
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>

#include "floor.skel.h"

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, ap) : 0;
}

static void print_stats(int prog_fd)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_obj_get_info_by_fd(prog_fd, &info, &len))
		return;
	if (info.run_cnt)
		fprintf(stderr, "bpf-stats: sys_enter run_cnt=%llu run_time_ns=%llu\n",
			(unsigned long long)info.run_cnt, (unsigned long long)info.run_time_ns);
}

int main(int argc, char **argv)
{
	struct floor_bpf *skel;
	int status = 0, ret = 70;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-floor PROGRAM [ARG...]\n");
		return 2;
	}
	libbpf_set_print(quiet_print);
	skel = floor_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "bench-floor: cannot load the BPF program: %s\n", strerror(errno));
		return 69;
	}
	if (floor_bpf__attach(skel)) {
		fprintf(stderr, "bench-floor: cannot attach tp_btf/sys_enter: %s\n", strerror(errno));
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "bench-floor: fork: %s\n", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "bench-floor: %s: %s\n", argv[1], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	print_stats(bpf_program__fd(skel->progs.sys_enter));
	ret = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
out:
	floor_bpf__destroy(skel);
	return ret;
}
