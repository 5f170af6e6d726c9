/*
 * server.c -- the HTTP side of `serve`, on libmicrohttpd (opened with
 * dlopen(), mhd.h): the listening sockets, request bodies, responses
 * with their security headers, the event stream, and the signals.
 *
 * The sockets are ours: bound to 127.0.0.1 and ::1 only (never a
 * wildcard address), so a port already taken is told plainly, and port
 * 0 picks a free one (the tests). libmicrohttpd runs a thread per
 * connection: an event stream then simply waits for the session's next
 * version (live_next()), and everything else is answered at once.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "web/mhd.h"
#include "web/web.h"
#include "core/xmalloc.h"
#include "sys/peer.h"

/*
 * A stream that says nothing for this long sends a comment line; a
 * client that has gone is found by that write, so its slot is given back
 * within about two of these.
 */
#define WEB_KEEPALIVE_MS	1000
/*
 * Limits that keep the server answering. Every client on loopback has
 * the same address, so a limit per address would be the same as the
 * total: another user's connections are refused at accept (peer_ok()),
 * an idle or half-sent one is closed after WEB_IDLE_S, and the event
 * streams, which stay open, are capped apart.
 */
#define WEB_CONNECTIONS_MAX	256
#define WEB_IDLE_S		10
#define WEB_STREAMS_MAX		16

static const char web_csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

/* A request's body as it arrives. */
struct web_body {
	char	*buf;
	size_t	 len;
	size_t	 max;
	int	 too_big;
};

/* An event stream's reader. */
struct web_stream {
	struct live	*live;
	unsigned long	 seen;
	char		*pending;
	size_t		 off;
};

static const char *
web_arg(void *ctx, const char *name)
{
	return (MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name));
}

static void
headers(struct MHD_Response *resp, const struct web_reply *r)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
	    r->csp != NULL ? r->csp : web_csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options",
	    r->framable ? "SAMEORIGIN" : "DENY");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy",
	    "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy",
	    "same-origin");
	if (r->type != NULL)
		MHD_add_response_header(resp, "Content-Type", r->type);
	if (r->cache != NULL)
		MHD_add_response_header(resp, "Cache-Control", r->cache);
	if (r->disposition != NULL)
		MHD_add_response_header(resp, "Content-Disposition",
		    r->disposition);
	if (r->allow != NULL)
		MHD_add_response_header(resp, "Allow", r->allow);
	if (r->location != NULL)
		MHD_add_response_header(resp, "Location", r->location);
	if (r->set_cookie[0] != '\0')
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	if (r->retry_after > 0) {
		char	n[16];

		snprintf(n, sizeof n, "%d", r->retry_after);
		MHD_add_response_header(resp, "Retry-After", n);
	}
}

static ssize_t
stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct web_stream	*s = cls;
	size_t			 n;

	(void)pos;
	if (s->pending == NULL || s->off == strlen(s->pending)) {
		free(s->pending);
		s->off = 0;
		if ((s->pending = live_next(s->live, &s->seen,
		    WEB_KEEPALIVE_MS)) == NULL)
			return (MHD_CONTENT_READER_END_OF_STREAM);
	}
	n = strlen(s->pending) - s->off;
	if (n > max)
		n = max;
	memcpy(buf, s->pending + s->off, n);
	s->off += n;
	return ((ssize_t)n);
}

/*
 * Take (1) or give back (0) one of WEB_STREAMS_MAX event streams.
 * Returns 1 when one was taken.
 */
static int
stream_slot(int take)
{
	static pthread_mutex_t	mu = PTHREAD_MUTEX_INITIALIZER;
	static int		n;
	int			ok = 1;

	pthread_mutex_lock(&mu);
	if (!take)
		n--;
	else if (n >= WEB_STREAMS_MAX)
		ok = 0;
	else
		n++;
	pthread_mutex_unlock(&mu);
	return (ok);
}

static void
stream_free(void *cls)
{
	struct web_stream	*s = cls;

	free(s->pending);
	free(s);
	stream_slot(0);
}

static enum MHD_Result
respond(struct MHD_Connection *c, struct web *w, struct web_reply *r)
{
	struct MHD_Response	*resp;
	struct web_stream	*s;
	enum MHD_Result		 ret;

	if (r->stream && !stream_slot(1)) {
		/* Past the cap: a plain refusal, never a silent close. */
		web_reply_free(r);
		web_error(r, 503, "too many pages are following the session; "
		    "close one and try again");
		r->stream = 0;
		r->retry_after = 5;
	}
	if (r->stream) {
		s = xcalloc(1, sizeof *s);
		s->live = w->live;
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN,
		    4096, stream_read, s, stream_free);
		r->type = "text/event-stream";
		r->cache = "no-store";
	} else
		resp = MHD_create_response_from_buffer(r->len, r->body,
		    r->borrowed ? MHD_RESPMEM_PERSISTENT :
		    MHD_RESPMEM_MUST_COPY);
	if (resp == NULL) {
		web_reply_free(r);
		return (MHD_NO);
	}
	headers(resp, r);
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	web_reply_free(r);
	return (ret);
}

/* Count the Host headers: a request with two is refused, not guessed. */
static enum MHD_Result
count_host(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	int	*n = cls;

	(void)kind;
	(void)value;
	if (strcasecmp(key, "Host") == 0)
		(*n)++;
	return (MHD_YES);
}

static void
request_fill(struct MHD_Connection *c, const char *url, const char *method,
    struct web_req *q)
{
	int	hosts = 0;

	memset(q, 0, sizeof *q);
	q->method = method;
	q->url = url;
	q->host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	(void)MHD_get_connection_values(c, MHD_HEADER_KIND, count_host, &hosts);
	if (hosts > 1)
		q->host = NULL;	/* refused as no Host of ours (421) */
	q->origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	q->token = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    WEB_TOKEN_HEADER);
	q->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Content-Type");
	q->cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
	    WEB_COOKIE);
	q->arg = web_arg;
	q->ctx = c;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data,
    size_t *size, void **con_cls)
{
	struct web		*w = cls;
	struct web_body		*b = *con_cls;
	struct web_req		 q;
	struct web_reply	 r;
	const char		*cl;
	char			*end;
	unsigned long long	 n;

	(void)version;
	request_fill(c, url, method, &q);
	if (b == NULL) {
		/*
		 * The first call has the headers only. Answering then would
		 * close the connection (the library cannot tell whether a
		 * body follows), so even a GET is answered on the next.
		 */
		b = xcalloc(1, sizeof *b);
		b->max = web_body_max(url);
		*con_cls = b;
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    "Content-Length");
		if (strcmp(method, "POST") == 0 && cl != NULL &&
		    ((n = strtoull(cl, &end, 10)) > b->max || *end != '\0')) {
			/* Refused before a byte of it is read. */
			q.too_big = 1;
			web_route(w, &q, &r);
			return (respond(c, w, &r));
		}
		return (MHD_YES);
	}
	if (*size > 0) {
		if (!b->too_big && b->len + *size <= b->max) {
			b->buf = xreallocarray(b->buf, b->len + *size + 1, 1);
			memcpy(b->buf + b->len, data, *size);
			b->len += *size;
			b->buf[b->len] = '\0';
		} else {
			b->too_big = 1;
			free(b->buf);
			b->buf = NULL;
			b->len = 0;
		}
		*size = 0;
		return (MHD_YES);
	}
	q.body = b->buf;
	q.len = b->len;
	q.too_big = b->too_big;
	web_route(w, &q, &r);
	return (respond(c, w, &r));
}

static void
on_done(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode code)
{
	struct web_body	*b = *con_cls;

	(void)cls;
	(void)c;
	(void)code;
	if (b != NULL) {
		free(b->buf);
		free(b);
		*con_cls = NULL;
	}
}

/*
 * A listening socket on addr; -1 with errno set. With *port 0, the
 * kernel's choice is put in *port.
 */
static int
listen_on(int family, int *port)
{
	struct sockaddr_in	 a4;
	struct sockaddr_in6	 a6;
	struct sockaddr		*sa;
	socklen_t		 len;
	int			 fd, one = 1, e;

	if ((fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return (-1);
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (family == AF_INET) {
		memset(&a4, 0, sizeof a4);
		a4.sin_family = AF_INET;
		a4.sin_port = htons((uint16_t)*port);
		a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sa = (struct sockaddr *)&a4;
		len = sizeof a4;
	} else {
		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
		    sizeof one);
		memset(&a6, 0, sizeof a6);
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((uint16_t)*port);
		a6.sin6_addr = in6addr_loopback;
		sa = (struct sockaddr *)&a6;
		len = sizeof a6;
	}
	if (bind(fd, sa, len) == -1 || listen(fd, 64) == -1)
		goto fail;
	if (*port == 0) {
		if (getsockname(fd, (struct sockaddr *)&a4, &len) == -1)
			goto fail;
		*port = ntohs(a4.sin_port);
	}
	return (fd);
fail:
	e = errno;
	close(fd);
	errno = e;
	return (-1);
}

/*
 * A connection from another user of this machine is refused outright,
 * where the kernel can tell whose it is (sys/peer.c); where it cannot,
 * the cookie still stands between them and the data.
 */
static enum MHD_Result
peer_ok(void *cls, const struct sockaddr *addr, socklen_t len)
{
	struct web	*w = cls;
	uid_t		 uid;

	if (peer_uid(addr, len, w->port, &uid) != 0)
		return (MHD_YES);
	return (uid == getuid() ? MHD_YES : MHD_NO);
}

static struct MHD_Daemon *
daemon_on(struct web *w, int fd, unsigned extra)
{
	return (MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL | extra, 0, peer_ok,
	    w, on_request, w,
	    MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_NOTIFY_COMPLETED, on_done, w,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONNECTIONS_MAX,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)WEB_IDLE_S,
	    MHD_OPTION_THREAD_STACK_SIZE, (size_t)(256 * 1024),
	    MHD_OPTION_END));
}

/* Open the page: opener URL, not waited for. */
static void
open_page(const char *opener, const char *url)
{
	pid_t	pid;
	int	fd;

	if ((pid = fork()) != 0)
		return;
	/* Its chatter is not ours to show. */
	if ((fd = open("/dev/null", O_WRONLY)) != -1) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
	}
	execlp(opener, opener, url, (char *)NULL);
	_exit(127);
}

int
web_serve(struct web *w, const char *opener, char **err)
{
	struct MHD_Daemon	*d4 = NULL, *d6 = NULL;
	sigset_t		 set, old;
	char			 url[64], link[128], *cause = NULL, *page = NULL;
	int			 fd4, fd6, port = w->port, sig;

	if (web_mhd_load(err) != 0)
		return (-1);
	/*
	 * One malloc arena: a thread per connection would otherwise get an
	 * arena each, and the work is done under one lock anyway.
	 */
	(void)mallopt(M_ARENA_MAX, 1);
	if ((fd4 = listen_on(AF_INET, &port)) == -1) {
		if (errno == EADDRINUSE)
			*err = xasprintf("port %d is taken (is midback serve "
			    "running already?); choose another with --port",
			    w->port);
		else
			*err = xasprintf("cannot listen on 127.0.0.1:%d: %s",
			    w->port, strerror(errno));
		return (-1);
	}
	/* ::1 as well, when the machine has IPv6. */
	fd6 = listen_on(AF_INET6, &port);
	if (fd6 == -1 && errno == EADDRINUSE) {
		close(fd4);
		*err = xasprintf("port %d is taken on ::1; choose another "
		    "with --port", port);
		return (-1);
	}
	w->port = port;
	if ((w->live = live_new(w, err)) == NULL) {
		close(fd4);
		if (fd6 != -1)
			close(fd6);
		return (-1);
	}

	/* Every thread from here on leaves these signals to sigwait(). */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_IGN);	/* the opener reaps itself */

	if ((d4 = daemon_on(w, fd4, 0)) == NULL) {
		close(fd4);
		if (fd6 != -1)
			close(fd6);
		*err = xstrdup("cannot start the web server");
		goto out;
	}
	if (fd6 != -1 && (d6 = daemon_on(w, fd6, MHD_USE_IPv6)) == NULL)
		close(fd6);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/", port);
	web_link_url(port, w->key, link, sizeof link);
	printf("midback is at %s (Ctrl-C stops it). Open it, once, with\n"
	    "  %s\n(midback serve --link gives a fresh link for another "
	    "browser.)\n", url, link);
	if (!w->pose_ok)
		printf("The camera mode is unavailable: its model files are "
		    "not in %s\n(install them, or name their folder in "
		    "MIDBACK_POSE_DIR).\n", w->pose_dir);
	fflush(stdout);
	if (web_state_write(port, &cause) != 0) {
		fprintf(stderr, "midback: serve: %s\n", cause);
		free(cause);
		cause = NULL;
	}
	/* The key goes through a file only the owner reads, not argv. */
	if (opener != NULL && (page = web_link_file(link, &cause)) == NULL) {
		fprintf(stderr, "midback: serve: %s\n", cause);
		free(cause);
	} else if (opener != NULL)
		open_page(opener, page);
	free(page);
	while (sigwait(&set, &sig) == 0 && sig == SIGHUP)
		continue;
	web_state_remove();
out:
	live_shutdown(w->live);
	if (d6 != NULL)
		MHD_stop_daemon(d6);
	if (d4 != NULL)
		MHD_stop_daemon(d4);
	live_free(w->live);
	w->live = NULL;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return (d4 != NULL ? 0 : -1);
}
