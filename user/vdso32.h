/* SPDX-License-Identifier: MIT */
/* The kernel's 32-bit vDSO image, for the unwind table of compat processes. */
#ifndef SYSO_KAGG_VDSO32_H
#define SYSO_KAGG_VDSO32_H

#include <stddef.h>

/* A copy of the image (free() it) and its size. 0, or -errno with a
 * one-line reason in err (a kernel without IA-32 emulation has none). */
int vdso32__capture(void **image, size_t *image_size, char *err, size_t errlen);

struct cfi_rows;
/* Add rows for the image's frame-pointer C functions' calls of
 * __kernel_vsyscall, which its .eh_frame does not cover (vdso32_frames.c says
 * why they are exact). 0 or -ENOMEM. */
int vdso32__frame_rows(const void *image, size_t size, struct cfi_rows *rows);

#endif
