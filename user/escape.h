/* SPDX-License-Identifier: MIT */
/*
 * Names that come from the traced programs (object paths, comm, symbols)
 * are data: escaped so that they cannot forge a line of the table or make
 * JSON and OpenMetrics invalid UTF-8.
 */
#ifndef SYSO_KAGG_ESCAPE_H
#define SYSO_KAGG_ESCAPE_H

#include <stdio.h>

/* For the table, like `ls -b`: \n, \t, \\ and \ooo (octal) for every other
 * control byte and every byte that is not part of valid UTF-8. */
void escape__fputs_c(FILE *f, const char *s);

/* For JSON and OpenMetrics: valid UTF-8 kept as it is (control characters
 * are the encoder's to escape), a backslash doubled, and each byte that is
 * not valid UTF-8 as the four characters \xHH. malloc'ed; NULL on ENOMEM. */
char *escape__utf8(const char *s);

/* For --format folded: valid UTF-8 kept; ';' (the frame separator), space
 * (the count's), backslash, control bytes and bytes that are not valid UTF-8
 * as the four characters \xHH. */
void escape__fputs_folded(FILE *f, const char *s);

#endif
