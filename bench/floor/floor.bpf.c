// SPDX-License-Identifier: MIT
/*
 * The empty-program floor: a program on the same attach point as
 * syso-kagg's hot path (tp_btf/sys_enter) that returns at once. What a
 * syscall costs under it is what any BPF tracer on this point must pay.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual MIT/GPL";

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	return 0;
}
