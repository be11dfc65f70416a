// SPDX-License-Identifier: MIT
/* PT_LOAD segments: address <-> file offset (elf_segments.h). */
#include <errno.h>
#include <stdlib.h>

#include "elf_segments.h"

int elf_segments__read(Elf *elf, struct elf_segment **segs, size_t *nr)
{
	size_t phnum, i, n = 0;
	struct elf_segment *v;

	*segs = NULL;
	*nr = 0;
	if (elf_getphdrnum(elf, &phnum))
		return -EINVAL;
	v = calloc(phnum ? phnum : 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_LOAD)
			v[n++] = (struct elf_segment){ ph.p_vaddr, ph.p_filesz, ph.p_offset };
	}
	*segs = v;
	*nr = n;
	return 0;
}

const struct elf_segment *elf_segments__holding(const struct elf_segment *segs, size_t nr,
						__u64 start, __u64 end)
{
	for (size_t i = 0; i < nr; i++) {
		const struct elf_segment *s = &segs[i];

		/* differences, not sums: no overflow near 2^64 */
		if (start >= s->vaddr && start - s->vaddr < s->size && end >= start &&
		    end - s->vaddr <= s->size)
			return s;
	}
	return NULL;
}

int elf_segments__to_offset(const struct elf_segment *segs, size_t nr, __u64 vaddr, __u64 *off)
{
	const struct elf_segment *s = elf_segments__holding(segs, nr, vaddr, vaddr);

	if (!s)
		return -1;
	*off = vaddr - s->vaddr + s->offset;
	return 0;
}
