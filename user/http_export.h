/* SPDX-License-Identifier: MIT */
/*
 * --listen: the OpenMetrics exposition at http://ADDR:PORT/metrics, served
 * by libmicrohttpd's own thread. That thread only copies the latest
 * snapshot the main loop published; a scrape asks for a fresher one and
 * waits for it at most HTTP_FRESH_WAIT_MS, so the main loop (which reads
 * the maps) is never blocked by a client and a client never by the maps.
 */
#ifndef SYSO_KAGG_HTTP_EXPORT_H
#define SYSO_KAGG_HTTP_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

struct http_export;

/* Bind and start serving (an empty exposition until the first publish).
 * NULL after one line on stderr. */
struct http_export *http_export__start(const char *addr, unsigned short port);
/* A scrape is waiting for a fresh snapshot. */
bool http_export__wanted(struct http_export *h);
/* Replace the snapshot (copied) and wake waiting scrapes. */
void http_export__publish(struct http_export *h, const char *body, size_t len);
void http_export__stop(struct http_export *h);

#endif
