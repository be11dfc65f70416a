// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for user/escape.c, the rendering of names from the
 * target (object paths, comm, symbols) in the report. The input up to its
 * first NUL is a name. escape__utf8() must give valid UTF-8 that decodes
 * back to the name (doc/json-schema.md); escape__fputs_c() must give no
 * control byte and valid UTF-8 (one table row stays one line).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

/* Strict UTF-8 (RFC 3629), as Python's decoder checks it. */
static int valid_utf8(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = p[i];
		size_t len, k;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xe0) == 0xc0)
			len = 2, cp = c & 0x1f;
		else if ((c & 0xf0) == 0xe0)
			len = 3, cp = c & 0x0f;
		else if ((c & 0xf8) == 0xf0)
			len = 4, cp = c & 0x07;
		else
			return 0;
		if (i + len > n)
			return 0;
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *name = strndup((const char *)data, size), *u, *dec, *t = NULL;
	size_t i, j = 0, tlen = 0;
	FILE *f;

	if (!name)
		return 0;
	u = escape__utf8(name);
	if (!u || !valid_utf8((unsigned char *)u, strlen(u)))
		abort();
	dec = malloc(strlen(u) + 1);
	for (i = 0; u[i]; ) {	/* decode: \\ -> \, \xHH -> byte */
		if (u[i] != '\\') {
			dec[j++] = u[i++];
		} else if (u[i + 1] == '\\') {
			dec[j++] = '\\';
			i += 2;
		} else if (u[i + 1] == 'x' && hexval(u[i + 2]) >= 0 && hexval(u[i + 3]) >= 0) {
			dec[j++] = (char)(hexval(u[i + 2]) << 4 | hexval(u[i + 3]));
			i += 4;
		} else {
			abort();	/* a lone backslash is ambiguous */
		}
	}
	dec[j] = 0;
	if (strcmp(dec, name))
		abort();
	f = open_memstream(&t, &tlen);
	if (!f)
		abort();
	escape__fputs_c(f, name);
	fclose(f);
	for (i = 0; i < tlen; i++)
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f)
			abort();
	if (!valid_utf8((unsigned char *)t, tlen))
		abort();
	free(t);
	free(dec);
	free(u);
	free(name);
	return 0;
}
