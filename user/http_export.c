// SPDX-License-Identifier: MIT
/* --listen: /metrics over HTTP with libmicrohttpd (http_export.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <microhttpd.h>

#include "http_export.h"

/* Bounds on what clients may cost: connections at once, idle seconds. */
#define HTTP_MAX_CONNECTIONS	8
#define HTTP_TIMEOUT_S		10
/* How long a scrape waits for the main loop's fresh snapshot (it polls
 * every 100 ms); past that it gets the previous one. */
#define HTTP_FRESH_WAIT_MS	1000

#define OPENMETRICS_TYPE "application/openmetrics-text; version=1.0.0; charset=utf-8"

struct http_export {
	struct MHD_Daemon *daemon;
	pthread_mutex_t lock;
	pthread_cond_t fresh;	/* signalled at each publish */
	char *body;
	size_t len;
	unsigned long gen;	/* publishes so far */
	bool want;		/* a scrape waits for gen to move */
};

static struct MHD_Response *text_response(const char *text)
{
	return MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
}

/* The snapshot published after this request arrived, or the last one. */
static struct MHD_Response *metrics_response(struct http_export *h)
{
	struct MHD_Response *resp;
	struct timespec until;
	unsigned long gen;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += HTTP_FRESH_WAIT_MS % 1000 * 1000000L;
	until.tv_sec += HTTP_FRESH_WAIT_MS / 1000 + until.tv_nsec / 1000000000L;
	until.tv_nsec %= 1000000000L;
	pthread_mutex_lock(&h->lock);
	gen = h->gen;
	__atomic_store_n(&h->want, true, __ATOMIC_RELEASE);
	while (h->gen == gen)
		if (pthread_cond_timedwait(&h->fresh, &h->lock, &until) == ETIMEDOUT)
			break;
	resp = MHD_create_response_from_buffer(h->len, h->body, MHD_RESPMEM_MUST_COPY);
	pthread_mutex_unlock(&h->lock);
	if (resp)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, OPENMETRICS_TYPE);
	return resp;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload, size_t *upload_size, void **state)
{
	struct http_export *h = cls;
	struct MHD_Response *resp;
	unsigned int status = MHD_HTTP_OK;
	enum MHD_Result ret;

	if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		status = MHD_HTTP_METHOD_NOT_ALLOWED;
		resp = text_response("only GET /metrics\n");
	} else if (strcmp(url, "/metrics")) {
		status = MHD_HTTP_NOT_FOUND;
		resp = text_response("syso-kagg serves /metrics\n");
	} else {
		resp = metrics_response(h);
	}
	if (!resp)
		return MHD_NO;
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

struct http_export *http_export__start(const char *addr, unsigned short port)
{
	struct http_export *h = calloc(1, sizeof(*h));
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(port) };
	struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_port = htons(port) };
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL;
	const struct sockaddr *sa = (const struct sockaddr *)&a4;
	sigset_t all, orig;
	int err;

	if (!h)
		return NULL;
	if (inet_pton(AF_INET6, addr, &a6.sin6_addr) == 1) {
		sa = (const struct sockaddr *)&a6;
		flags |= MHD_USE_IPv6;
	} else if (inet_pton(AF_INET, addr, &a4.sin_addr) != 1) {
		fprintf(stderr, "syso-kagg: --listen %s: not an IPv4 or [IPv6] address\n", addr);
		free(h);
		return NULL;
	}
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->fresh, NULL);
	h->body = strdup("# EOF\n");
	h->len = h->body ? strlen(h->body) : 0;
	/* the server thread must never take the run's signals (SIGINT would
	 * kill us instead of reaching the signalfd): it starts with all blocked */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &orig);
	h->daemon = MHD_start_daemon(flags, port, NULL, NULL, on_request, h,
				     MHD_OPTION_SOCK_ADDR, sa,
				     MHD_OPTION_CONNECTION_LIMIT, (unsigned int)HTTP_MAX_CONNECTIONS,
				     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)HTTP_TIMEOUT_S,
				     MHD_OPTION_END);
	err = errno;
	pthread_sigmask(SIG_SETMASK, &orig, NULL);
	if (!h->daemon || !h->body) {
		fprintf(stderr, "syso-kagg: --listen %s:%u: cannot listen: %s\n", addr, port,
			strerror(err ? err : EADDRINUSE));
		http_export__stop(h);
		return NULL;
	}
	return h;
}

bool http_export__wanted(struct http_export *h)
{
	return h && __atomic_load_n(&h->want, __ATOMIC_ACQUIRE);
}

void http_export__publish(struct http_export *h, const char *body, size_t len)
{
	char *copy = malloc(len);

	if (!h || !copy) {
		free(copy);
		return;
	}
	memcpy(copy, body, len);
	pthread_mutex_lock(&h->lock);
	free(h->body);
	h->body = copy;
	h->len = len;
	h->gen++;
	h->want = false;
	pthread_cond_broadcast(&h->fresh);
	pthread_mutex_unlock(&h->lock);
}

void http_export__stop(struct http_export *h)
{
	if (!h)
		return;
	if (h->daemon)
		MHD_stop_daemon(h->daemon);
	pthread_cond_destroy(&h->fresh);
	pthread_mutex_destroy(&h->lock);
	free(h->body);
	free(h);
}
