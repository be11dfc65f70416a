/*
 * The smallest 32-bit (gcc -m32) program: exits 0. test/lib.sh's
 * need_exec32 runs it, without the tool, to learn whether this kernel
 * executes 32-bit programs at all (a kernel built without
 * CONFIG_IA32_EMULATION, or booted with ia32_emulation=0, refuses them
 * with ENOEXEC), so that the compat cases skip there instead of failing.
 */
int main(void)
{
	return 0;
}
