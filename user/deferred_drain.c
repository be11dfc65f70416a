// SPDX-License-Identifier: MIT
/*
 * The deferred walks' ring buffer is drained by a thread of its own, at a
 * real-time priority above the main thread's (tracer.c's prefer_tool).
 * While the main thread builds a table (tens of milliseconds for a libc,
 * several times that under ASan), the traced program's calls keep coming
 * as copies of about 2.4 KiB: a 4 MiB ring left undrained that long fills
 * (walk_defer_full). Each batch taken, the copies that are ready are
 * unwound and counted (deferred__resolve). Threads start with the normal
 * policy (SCHED_RESET_ON_FORK); this one asks for its own and keeps the
 * normal one if refused.
 *
 * The kernel wakes it only once the ring holds DEFER_WAKE_BYTES (a wakeup
 * per copy would cost each deferred call ~9 us more): copies wait in the
 * ring until their table lands, when the main thread kicks the thread
 * (deferred_drain__kick). After a kick or a wakeup it looks again every
 * DRAIN_LINGER_MS for a while, for the copies made as the table landed.
 * It sleeps in epoll on the ring, the kick's eventfd and the stop's.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <bpf/libbpf.h>

#include "deferred.h"
#include "deferred_drain.h"

/* Records taken before the held copies are resolved and the stop is
 * looked at again: libbpf's consume goes on while records keep coming. */
#define DRAIN_BATCH		1024
/* The callback's "batch full": libbpf ends the consume, the record taken. */
#define DRAIN_BATCH_FULL	(-EAGAIN)
/* After a kick or a wakeup: looks every DRAIN_LINGER_MS, DRAIN_LINGERS times. */
#define DRAIN_LINGER_MS		10
#define DRAIN_LINGERS		10

struct deferred_drain {
	struct deferred *d;
	struct ring_buffer *ring;
	bool *closed;			/* the kernel's defer_closed */
	int epfd, stopfd, kickfd;
	unsigned int batch;		/* records in the current batch */
	pthread_t thread;
	bool running;
};

static int on_record(void *ctx, void *data, size_t size)
{
	struct deferred_drain *dr = ctx;

	deferred__on_event(dr->d, data, size);
	return ++dr->batch >= DRAIN_BATCH ? DRAIN_BATCH_FULL : 0;
}

/* One batch from the ring, then the ready copies resolved: 1 if the ring
 * may hold more, 0 if it was emptied, -errno. */
static int take_batch(struct deferred_drain *dr)
{
	int n;

	dr->batch = 0;
	n = ring_buffer__consume(dr->ring);
	if (dr->batch)
		deferred__resolve(dr->d, false);
	if (n == DRAIN_BATCH_FULL)
		return 1;
	return n < 0 ? n : 0;
}

/* Take every record the ring holds, a batch at a time. 0 or -errno. */
static int take_all(struct deferred_drain *dr)
{
	int n;

	while ((n = take_batch(dr)) > 0)
		;
	return n;
}

static void *drain(void *arg)
{
	struct deferred_drain *dr = arg;
	struct sched_param sp = { .sched_priority = 2 };
	struct epoll_event ev[3];
	int i, n, lingers = 0, err = 0;
	uint64_t kicks;

	sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp);
	for (;;) {
		n = epoll_wait(dr->epfd, ev, 3, lingers ? DRAIN_LINGER_MS : -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		lingers = n ? DRAIN_LINGERS : lingers - 1;
		for (i = 0; i < n; i++) {
			if (ev[i].data.fd == dr->stopfd)
				return NULL;
			if (ev[i].data.fd == dr->kickfd && read(dr->kickfd, &kicks, sizeof(kicks)) < 0)
				continue;	/* EAGAIN: nothing to clear */
		}
		if ((err = take_all(dr)) < 0)
			break;
	}
	/* the ring then fills and the kernel scans (walk_defer_full, warned) */
	fprintf(stderr, "syso-kagg: warning: deferred walks: cannot read their ring buffer: %s\n",
		strerror(-err));
	return NULL;
}

static int add_fd(int epfd, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

/* The thread takes no asynchronous signal: they are the main thread's
 * (run.c reads them from a signalfd). Faults stay deliverable, so that a
 * crash is reported, not turned into a silent kill. */
static int start_thread(struct deferred_drain *dr)
{
	static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS };
	sigset_t mask, old;
	size_t i;
	int e;

	sigfillset(&mask);
	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		sigdelset(&mask, faults[i]);
	pthread_sigmask(SIG_SETMASK, &mask, &old);
	e = pthread_create(&dr->thread, NULL, drain, dr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	dr->running = !e;
	return -e;
}

struct deferred_drain *deferred_drain__start(struct deferred *d, int ring_fd, bool *closed)
{
	struct deferred_drain *dr = calloc(1, sizeof(*dr));
	int e = -ENOMEM;

	if (!dr)
		goto fail;
	dr->epfd = dr->stopfd = dr->kickfd = -1;
	dr->d = d;
	dr->closed = closed;
	dr->epfd = epoll_create1(EPOLL_CLOEXEC);
	dr->stopfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	dr->kickfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	dr->ring = ring_buffer__new(ring_fd, on_record, dr, NULL);
	if (dr->epfd < 0 || dr->stopfd < 0 || dr->kickfd < 0 || !dr->ring ||
	    add_fd(dr->epfd, ring_buffer__epoll_fd(dr->ring)) || add_fd(dr->epfd, dr->stopfd) ||
	    add_fd(dr->epfd, dr->kickfd)) {
		e = -errno;
		goto fail;
	}
	if ((e = start_thread(dr)))
		goto fail;
	return dr;
fail:
	deferred_drain__free(dr);
	errno = -e;
	return NULL;
}

void deferred_drain__kick(struct deferred_drain *dr)
{
	uint64_t one = 1;

	if (dr && write(dr->kickfd, &one, sizeof(one)) != sizeof(one))
		return;		/* the counter is full: a kick is pending anyway */
}

void deferred_drain__stop(struct deferred_drain *dr)
{
	uint64_t one = 1;

	if (!dr || !dr->running)
		return;
	__atomic_store_n(dr->closed, true, __ATOMIC_RELEASE);
	if (write(dr->stopfd, &one, sizeof(one)) != sizeof(one))
		pthread_cancel(dr->thread);	/* epoll_wait is a cancellation point */
	pthread_join(dr->thread, NULL);
	dr->running = false;
	/* No copy is sent after closed; one being written now (a program
	 * that read closed before it was set) is done well within 1 ms.
	 * Then the ring holds at most what it can: a bounded drain. */
	usleep(1000);
	take_all(dr);
}

void deferred_drain__free(struct deferred_drain *dr)
{
	if (!dr)
		return;
	deferred_drain__stop(dr);
	ring_buffer__free(dr->ring);
	if (dr->epfd >= 0)
		close(dr->epfd);
	if (dr->stopfd >= 0)
		close(dr->stopfd);
	if (dr->kickfd >= 0)
		close(dr->kickfd);
	free(dr);
}
