/* SPDX-License-Identifier: MIT */
/*
 * --listen: the OpenMetrics exposition at http://ADDR:PORT/metrics, served
 * by a thread of its own. That thread only sends the latest snapshot the
 * main loop published; a scrape asks for a fresher one and waits for it
 * (suspended, other clients go on) at most HTTP_FRESH_WAIT_MS, so the main
 * loop (which reads the maps) is never blocked by a client and a client
 * never by the maps. Clients are bounded so that none can hold the
 * listener: a total, a share per client address, a deadline per request.
 */
#ifndef SYSO_KAGG_HTTP_EXPORT_H
#define SYSO_KAGG_HTTP_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

/* Connections at once: the total, and per client IP address. A newcomer
 * beyond either takes the place of the connection whose request cycle
 * began first (of its own address if that is the one at its share), so
 * that slow or idle clients never keep another client out and one address
 * churns only its own share. */
#define HTTP_MAX_CONNECTIONS	64
#define HTTP_MAX_PER_CLIENT	4
/* A connection's request cycle (from its accept or its previous answer to
 * the end of sending this answer) lasts at most this long, then it is
 * closed: an idle or slow client (one header line at a time, or reading
 * the answer slowly) cannot keep its slot. */
#define HTTP_DEADLINE_S		5
/* How long a scrape waits for the main loop's fresh snapshot (it polls
 * every 100 ms); past that it gets the previous one. */
#define HTTP_FRESH_WAIT_MS	1000

struct http_export;

/* Bind and start serving (an empty exposition until the first publish).
 * NULL after one line on stderr. */
struct http_export *http_export__start(const char *addr, unsigned short port);
/* A scrape is waiting for a fresh snapshot. */
bool http_export__wanted(struct http_export *h);
/* Replace the snapshot (copied, the listener's own counters added before
 * its "# EOF") and wake waiting scrapes. */
void http_export__publish(struct http_export *h, const char *body, size_t len);
/* Close every connection and stop, without waiting for any client. */
void http_export__stop(struct http_export *h);

#endif
