// SPDX-License-Identifier: MIT
/* --listen: /metrics over HTTP with libmicrohttpd (http_export.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>

#include "http_export.h"

#define OPENMETRICS_TYPE "application/openmetrics-text; version=1.0.0; charset=utf-8"

/* A scrape's state between the calls of on_request: its headers have
 * arrived (the next call suspends it to wait for a snapshot), then its
 * wait is over or not possible (the next call answers). */
#define REQ_ARRIVED	((void *)1)
#define REQ_ANSWER	((void *)2)

/* Connections libmicrohttpd may hold: ours, and those cut (make_room, the
 * deadline) until its next run closes them, so that a burst of newcomers
 * is never refused for room that is being freed. */
#define HTTP_SLOTS	(2 * HTTP_MAX_CONNECTIONS)

/* One TCP connection, from libmicrohttpd's start to its close notice. */
struct client {
	struct MHD_Connection *conn;
	int fd;
	unsigned char peer[16];		/* the client's IP address */
	unsigned long long since_ms;	/* accepted, or its last answer ended */
	unsigned long long seq;		/* the same, as an order */
	unsigned long long wait_until_ms; /* a suspended scrape's last chance */
	unsigned long want_gen;		/* ... or the snapshot it waits for */
	bool used, waiting, cut;
};

struct http_export {
	struct MHD_Daemon *daemon;
	pthread_t thread;
	bool have_thread;
	int wake_fd;		/* eventfd: a publish, or stop */
	pthread_mutex_t lock;	/* resp, gen, stopping */
	struct MHD_Response *resp;	/* the snapshot, shared by every answer */
	unsigned long gen;	/* publishes so far */
	bool stopping;
	bool want;		/* a scrape waits for gen to move */
	/* only the server thread touches these (all of libmicrohttpd runs in it) */
	struct client clients[HTTP_SLOTS];
	unsigned long long seq;
	bool draining;		/* stopping: no scrape waits any more */
	/* connections closed by us: at their deadline, to make room (read by
	 * publish in the main thread) */
	unsigned long long cut_deadline, cut_room;
};

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

static void wake(struct http_export *h)
{
	eventfd_write(h->wake_fd, 1);
}

static struct MHD_Response *text_response(const char *text)
{
	return MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
}

static struct MHD_Response *metrics_response(const void *body, size_t len,
					     enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body, mode);

	if (resp)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, OPENMETRICS_TYPE);
	return resp;
}

static struct client *client_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* The client's address as 16 bytes (IPv4 as v4-mapped IPv6). */
static void peer_of(struct MHD_Connection *conn, unsigned char peer[16])
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	memset(peer, 0, 16);
	if (sa && sa->sa_family == AF_INET6) {
		memcpy(peer, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
	} else if (sa && sa->sa_family == AF_INET) {
		peer[10] = peer[11] = 0xff;
		memcpy(peer + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
	}
}

static void cut(struct client *c)
{
	/* libmicrohttpd sees the end of the stream at its next run and closes
	 * the connection (the fd stays valid until then: only this thread
	 * runs it) */
	if (!c->cut && c->fd >= 0)
		shutdown(c->fd, SHUT_RDWR);
	c->cut = true;
}

/* Make room for the newcomer n when its address, or everyone, is at the
 * limit: the connection whose request cycle began first goes (not one
 * waiting for its snapshot: that one is answered within a second), or n
 * itself if all are waiting. So a client, slow or idle, never keeps
 * another from connecting; one address churns only its own share. */
static void make_room(struct http_export *h, struct client *n)
{
	struct client *oldest_mine = NULL, *oldest = NULL;
	size_t mine = 0, all = 0;

	for (size_t i = 0; i < HTTP_SLOTS; i++) {
		struct client *c = &h->clients[i];
		bool same = !memcmp(c->peer, n->peer, sizeof(c->peer));

		if (!c->used || c->cut || c == n)
			continue;
		all++;
		mine += same;
		if (c->waiting)
			continue;
		if (!oldest || c->seq < oldest->seq)
			oldest = c;
		if (same && (!oldest_mine || c->seq < oldest_mine->seq))
			oldest_mine = c;
	}
	if (mine < HTTP_MAX_PER_CLIENT && all < HTTP_MAX_CONNECTIONS)
		return;
	/* counted first: a client that sees its end finds it counted */
	__atomic_fetch_add(&h->cut_room, 1, __ATOMIC_RELAXED);
	cut(mine >= HTTP_MAX_PER_CLIENT ? (oldest_mine ? oldest_mine : n) : (oldest ? oldest : n));
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct http_export *h = cls;
	struct client *c = *socket_context;
	const union MHD_ConnectionInfo *ci;

	if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		if (c)
			memset(c, 0, sizeof(*c));
		*socket_context = NULL;
		return;
	}
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	for (size_t i = 0; i < HTTP_SLOTS; i++) {
		c = &h->clients[i];
		if (c->used)
			continue;
		*c = (struct client){ .conn = conn, .fd = ci ? ci->connect_fd : -1,
				      .since_ms = now_ms(), .seq = ++h->seq, .used = true };
		peer_of(conn, c->peer);
		*socket_context = c;
		make_room(h, c);
		return;
	}
	/* libmicrohttpd keeps the total within HTTP_SLOTS: never met */
	if (ci)
		shutdown(ci->connect_fd, SHUT_RDWR);
}

/* A request cycle ended: the connection's deadline starts again. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_export *h = cls;
	struct client *c = client_of(conn);

	(void)state, (void)toe;
	if (c) {
		c->since_ms = now_ms();
		c->seq = ++h->seq;
	}
}

/* Wait, suspended, for the snapshot published after this request arrived:
 * the server thread resumes the connection at that publish or at the
 * fresh-wait bound, whichever comes first; other clients go on meanwhile. */
static bool wait_for_snapshot(struct http_export *h, struct MHD_Connection *conn)
{
	struct client *c = client_of(conn);

	if (!c || h->draining)
		return false;
	pthread_mutex_lock(&h->lock);
	c->want_gen = h->gen + 1;
	pthread_mutex_unlock(&h->lock);
	c->wait_until_ms = now_ms() + HTTP_FRESH_WAIT_MS;
	c->waiting = true;
	__atomic_store_n(&h->want, true, __ATOMIC_RELEASE);
	MHD_suspend_connection(conn);
	return true;
}

static enum MHD_Result answer_text(struct MHD_Connection *conn, unsigned int status,
				   const char *text)
{
	struct MHD_Response *resp = text_response(text);
	enum MHD_Result ret;

	if (!resp)
		return MHD_NO;
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result answer_snapshot(struct http_export *h, struct MHD_Connection *conn)
{
	enum MHD_Result ret;

	pthread_mutex_lock(&h->lock);
	ret = h->resp ? MHD_queue_response(conn, MHD_HTTP_OK, h->resp) : MHD_NO;
	pthread_mutex_unlock(&h->lock);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload, size_t *upload_size, void **state)
{
	struct http_export *h = cls;

	(void)version, (void)upload, (void)upload_size;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return answer_text(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET /metrics\n");
	if (strcmp(url, "/metrics"))
		return answer_text(conn, MHD_HTTP_NOT_FOUND, "syso-kagg serves /metrics\n");
	if (!*state) {		/* the headers: the request has arrived */
		*state = REQ_ARRIVED;
		return MHD_YES;
	}
	if (*state == REQ_ARRIVED) {
		*state = REQ_ANSWER;
		if (wait_for_snapshot(h, conn))
			return MHD_YES;
		/* untracked, or stopping: answered at once */
	}
	return answer_snapshot(h, conn);
}

/* Resume the scrapes whose snapshot came (or whose wait is over); cut the
 * connections past their deadline. The next time this must run, in ms. */
static int tend_clients(struct http_export *h, bool *resumed)
{
	unsigned long long now = now_ms(), next = now + HTTP_DEADLINE_S * 1000ULL;
	unsigned long gen;

	pthread_mutex_lock(&h->lock);
	gen = h->gen;
	pthread_mutex_unlock(&h->lock);
	for (size_t i = 0; i < HTTP_SLOTS; i++) {
		struct client *c = &h->clients[i];
		unsigned long long end = c->since_ms + HTTP_DEADLINE_S * 1000ULL;

		if (!c->used)
			continue;
		if (c->waiting && (gen >= c->want_gen || now >= c->wait_until_ms)) {
			c->waiting = false;
			MHD_resume_connection(c->conn);
			*resumed = true;
		} else if (c->waiting) {
			next = c->wait_until_ms < next ? c->wait_until_ms : next;
		} else if (now >= end && !c->cut) {
			__atomic_fetch_add(&h->cut_deadline, 1, __ATOMIC_RELAXED);
			cut(c);
		} else if (!c->cut) {
			next = end < next ? end : next;
		}
	}
	return next > now ? (int)(next - now) : 0;
}

/* The server thread: all of libmicrohttpd runs here, in its external
 * polling mode, so that the clients' deadlines are kept between its runs
 * and a stop never waits for a client. */
static void *serve(void *arg)
{
	struct http_export *h = arg;
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_EPOLL_FD);
	struct pollfd pfd[2] = { { .fd = h->wake_fd, .events = POLLIN },
				 { .fd = di ? di->epoll_fd : -1, .events = POLLIN } };
	int timeout = 0;

	for (;;) {
		MHD_UNSIGNED_LONG_LONG mhd_ms;
		eventfd_t ignored;
		bool resumed = false, stop;

		poll(pfd, 2, timeout);
		if (pfd[0].revents & POLLIN)
			eventfd_read(h->wake_fd, &ignored);
		pthread_mutex_lock(&h->lock);
		stop = h->stopping;
		pthread_mutex_unlock(&h->lock);
		if (stop)
			break;
		MHD_run(h->daemon);
		timeout = tend_clients(h, &resumed);
		if (resumed) {
			MHD_run(h->daemon);
			timeout = 0;
		}
		if (MHD_get_timeout(h->daemon, &mhd_ms) == MHD_YES && mhd_ms < (unsigned)timeout)
			timeout = (int)mhd_ms;
	}
	/* libmicrohttpd refuses to stop (it aborts) with a suspended
	 * connection: the waiting scrapes get the last snapshot, and its run
	 * takes them off its list of suspended ones */
	h->draining = true;
	for (size_t i = 0; i < HTTP_SLOTS; i++) {
		if (h->clients[i].used && h->clients[i].waiting) {
			h->clients[i].waiting = false;
			MHD_resume_connection(h->clients[i].conn);
		}
	}
	MHD_run(h->daemon);
	return NULL;
}

/* ADDR:PORT as a socket address; false if ADDR is neither IPv4 nor IPv6. */
static bool parse_addr(const char *addr, unsigned short port, struct sockaddr_in6 *sa, bool *v6)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)sa;

	memset(sa, 0, sizeof(*sa));
	*v6 = inet_pton(AF_INET6, addr, &sa->sin6_addr) == 1;
	if (*v6) {
		sa->sin6_family = AF_INET6;
		sa->sin6_port = htons(port);
		return true;
	}
	a4->sin_family = AF_INET;
	a4->sin_port = htons(port);
	return inet_pton(AF_INET, addr, &a4->sin_addr) == 1;
}

static struct MHD_Daemon *start_daemon(struct http_export *h, const struct sockaddr_in6 *sa,
				       bool v6)
{
	unsigned int flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | (v6 ? MHD_USE_IPv6 : 0);

	return MHD_start_daemon(flags, ntohs(sa->sin6_port), NULL, NULL, on_request, h,
				MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sa,
				/* the limits that count are make_room's: a full
				 * listener makes room instead of refusing (its
				 * per-address option refuses the newcomer, which
				 * would let slow clients keep out a scraper of the
				 * same address) */
				MHD_OPTION_CONNECTION_LIMIT, (unsigned int)HTTP_SLOTS,
				/* idle: a backstop only, the deadline comes first */
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)HTTP_DEADLINE_S,
				MHD_OPTION_NOTIFY_CONNECTION, on_connection, h,
				MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
				MHD_OPTION_END);
}

struct http_export *http_export__start(const char *addr, unsigned short port)
{
	struct http_export *h;
	struct sockaddr_in6 sa;
	sigset_t all, orig;
	bool v6;
	int err = 0;

	if (!parse_addr(addr, port, &sa, &v6)) {
		fprintf(stderr, "syso-kagg: --listen %s: not an IPv4 or [IPv6] address\n", addr);
		return NULL;
	}
	if (!(h = calloc(1, sizeof(*h))))
		return NULL;
	pthread_mutex_init(&h->lock, NULL);
	h->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	h->resp = metrics_response("# EOF\n", 6, MHD_RESPMEM_PERSISTENT);
	errno = 0;
	if (h->wake_fd < 0 || !h->resp || !(h->daemon = start_daemon(h, &sa, v6)))
		err = errno ? errno : EADDRINUSE;
	/* the server thread must never take the run's signals (SIGINT would
	 * kill us instead of reaching the signalfd): it starts with all blocked */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &orig);
	if (!err && !(err = pthread_create(&h->thread, NULL, serve, h)))
		h->have_thread = true;
	pthread_sigmask(SIG_SETMASK, &orig, NULL);
	if (err) {
		fprintf(stderr, "syso-kagg: --listen %s:%u: cannot listen: %s\n", addr, port,
			strerror(err));
		http_export__stop(h);
		return NULL;
	}
	return h;
}

bool http_export__wanted(struct http_export *h)
{
	return h && __atomic_load_n(&h->want, __ATOMIC_ACQUIRE);
}

#define OM_EOF "# EOF"

/* body, with the listener's own counters before its "# EOF" */
static char *with_http_family(struct http_export *h, const char *body, size_t *len)
{
	size_t head = *len;
	char *out = NULL;
	FILE *f;

	if (head >= strlen(OM_EOF) && !memcmp(body + head - strlen(OM_EOF), OM_EOF, strlen(OM_EOF)))
		head -= strlen(OM_EOF);
	f = open_memstream(&out, len);
	if (!f)
		return NULL;
	fwrite(body, 1, head, f);
	fprintf(f, "# TYPE syso_kagg_http_connections_closed counter\n"
		"# HELP syso_kagg_http_connections_closed --listen connections the tool closed: "
		"at their deadline (%d s per request: idle, or slow to send it or read the answer), "
		"or to make room for a newcomer (%d at once, %d per address).\n"
		"syso_kagg_http_connections_closed_total{reason=\"deadline\"} %llu\n"
		"syso_kagg_http_connections_closed_total{reason=\"room\"} %llu\n" OM_EOF,
		HTTP_DEADLINE_S, HTTP_MAX_CONNECTIONS, HTTP_MAX_PER_CLIENT,
		__atomic_load_n(&h->cut_deadline, __ATOMIC_RELAXED),
		__atomic_load_n(&h->cut_room, __ATOMIC_RELAXED));
	if (fclose(f)) {
		free(out);
		return NULL;
	}
	return out;
}

void http_export__publish(struct http_export *h, const char *body, size_t len)
{
	struct MHD_Response *resp, *old;
	char *copy;

	if (!h || !(copy = with_http_family(h, body, &len)))
		return;
	/* one copy per snapshot, however many clients it is sent to */
	resp = metrics_response(copy, len, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(copy);
		return;
	}
	pthread_mutex_lock(&h->lock);
	old = h->resp;
	h->resp = resp;
	h->gen++;
	h->want = false;
	pthread_mutex_unlock(&h->lock);
	/* answers being sent hold their own reference */
	MHD_destroy_response(old);
	wake(h);
}

void http_export__stop(struct http_export *h)
{
	if (!h)
		return;
	if (h->have_thread) {
		pthread_mutex_lock(&h->lock);
		h->stopping = true;
		pthread_mutex_unlock(&h->lock);
		wake(h);
		pthread_join(h->thread, NULL);
	}
	/* no thread of its own: closes every connection without waiting */
	if (h->daemon)
		MHD_stop_daemon(h->daemon);
	if (h->resp)
		MHD_destroy_response(h->resp);
	if (h->wake_fd >= 0)
		close(h->wake_fd);
	pthread_mutex_destroy(&h->lock);
	free(h);
}
