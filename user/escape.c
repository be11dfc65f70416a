// SPDX-License-Identifier: MIT
/* Escaping of names from the target for the table, JSON and OpenMetrics. */
#include <stdlib.h>
#include <string.h>

#include "escape.h"

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), or 0. */
static int utf8_len(const unsigned char *p)
{
	unsigned char lo = 0x80, hi = 0xbf;
	int n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

void escape__fputs_c(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = utf8_len(p);

		if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p == '\\')
			fputs("\\\\", f);
		else if (!n || *p < 0x20 || *p == 0x7f)
			fprintf(f, "\\%03o", *p);
		else {
			fwrite(p, 1, n, f);
			p += n;
			continue;
		}
		p++;
	}
}

char *escape__utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	/* at worst every byte becomes four */
	char *out = malloc(strlen(s) * 4 + 1), *o = out;
	static const char hex[] = "0123456789abcdef";

	if (!out)
		return NULL;
	while (*p) {
		int n = utf8_len(p);

		if (*p == '\\') {
			*o++ = '\\';
			*o++ = '\\';
			p++;
		} else if (!n) {
			*o++ = '\\';
			*o++ = 'x';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
			p++;
		} else {
			memcpy(o, p, n);
			o += n;
			p += n;
		}
	}
	*o = 0;
	return out;
}

void escape__fputs_folded(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = utf8_len(p);

		/* ';' separates frames, the last space the count; '\' escapes */
		if (!n || *p <= 0x20 || *p == 0x7f || *p == ';' || *p == '\\') {
			fprintf(f, "\\x%02x", *p);
			p++;
			continue;
		}
		fwrite(p, 1, n, f);
		p += n;
	}
}
