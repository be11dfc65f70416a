// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for user/symbols.c, user/debug_files.c and
 * user/elf_segments.c: any bytes as an object file (a traced program
 * chooses its own), its symbols read and looked up, which reads its
 * .gnu_debugdata (xz, then ELF again) for offsets the object does not
 * name. The debug directory is one that does not exist, so that no file
 * of this machine is read. Built and run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "symbols.h"
#include "debug_files.h"
#include "elf_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const __u64 offs[] = { 0, 0x40, 0x1000, 0x1125, 0x2000, 0x10000, ~0ull };
	int fd = memfd_create("fuzz_symbols", MFD_CLOEXEC);
	struct symbols *s;
	struct elf_file_stats st;

	if (fd < 0)
		return 0;
	debug_files__set_dir("/nonexistent/fuzz_symbols");
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	s = symbols__open_fd(fd);
	for (size_t i = 0; s && i < sizeof(offs) / sizeof(offs[0]); i++) {
		__u64 delta = ~0ull;
		const char *name = symbols__lookup(s, offs[i], &delta);

		/* a name covers off from its start: delta <= off */
		if (name && (delta > offs[i] || strlen(name) > size))
			abort();
	}
	if (s && strlen(symbols__build_id(s)) % 2)
		abort();
	symbols__close(s);
	close(fd);
	/* everything charged to the object-data budget is given back */
	elf_file__stats(&st);
	if (st.used)
		abort();
	return 0;
}
