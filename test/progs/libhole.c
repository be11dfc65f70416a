/*
 * hole_getppid: getppid() made with rsp moved onto the page below its
 * frame's, never written: as a function whose frame is made by sub rsp
 * makes its syscall before it writes there. That page is not faulted in,
 * so bpf_probe_read_user cannot read at sp; the frame above it (saved rbp,
 * return address) is readable. Its CFI says so: CFA = rbp + 16.
 * hole_getppid_no_cfi: the same without CFI (no row: the stack scan finds
 * its caller, past the hole).
 */
__asm__(
	".text\n"
	".globl hole_getppid\n"
	".type hole_getppid, @function\n"
	"hole_getppid:\n"
	".cfi_startproc\n"
	"	push %rbp\n"
	".cfi_def_cfa_offset 16\n"
	".cfi_offset %rbp, -16\n"
	"	mov %rsp, %rbp\n"
	".cfi_def_cfa_register %rbp\n"
	"	and $-4096, %rsp\n"
	"	sub $64, %rsp\n"
	"	mov $110, %eax\n"	/* __NR_getppid */
	"	syscall\n"
	"	leave\n"
	".cfi_def_cfa %rsp, 8\n"
	"	ret\n"
	".cfi_endproc\n"
	".size hole_getppid, .-hole_getppid\n");

__asm__(
	".text\n"
	".globl hole_getppid_no_cfi\n"
	".type hole_getppid_no_cfi, @function\n"
	"hole_getppid_no_cfi:\n"
	"	push %rbp\n"
	"	mov %rsp, %rbp\n"
	"	and $-4096, %rsp\n"
	"	sub $64, %rsp\n"
	"	mov $110, %eax\n"
	"	syscall\n"
	"	leave\n"
	"	ret\n"
	".size hole_getppid_no_cfi, .-hole_getppid_no_cfi\n");
