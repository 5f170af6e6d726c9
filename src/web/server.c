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
#include <ifaddrs.h>
#include <net/if.h>
#include <poll.h>
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
#include "web/qr.h"
#include "web/tls.h"
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
    struct web_req *q, int lan)
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
	q->lan = lan;
	if (lan) {
		q->cookie = NULL;	/* the computer's, not for here */
		q->device_cookie = MHD_lookup_connection_value(c,
		    MHD_COOKIE_KIND, WEB_DEVICE_COOKIE);
		q->user_agent = MHD_lookup_connection_value(c,
		    MHD_HEADER_KIND, "User-Agent");
	}
	q->arg = web_arg;
	q->ctx = c;
}

static enum MHD_Result
on_any(struct web *w, int lan, struct MHD_Connection *c, const char *url,
    const char *method, const char *data, size_t *size, void **con_cls)
{
	struct web_body		*b = *con_cls;
	struct web_req		 q;
	struct web_reply	 r;
	const char		*cl;
	char			*end;
	unsigned long long	 n;

	request_fill(c, url, method, &q, lan);
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

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data,
    size_t *size, void **con_cls)
{
	(void)version;
	return (on_any(cls, 0, c, url, method, data, size, con_cls));
}

/* The same, on the LAN address (over TLS). */
static enum MHD_Result
on_request_lan(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data,
    size_t *size, void **con_cls)
{
	(void)version;
	return (on_any(cls, 1, c, url, method, data, size, con_cls));
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

/*
 * The LAN address (serve --lan). Its socket is read by an acceptor
 * thread of ours, not by libmicrohttpd: each new connection's first byte
 * says whether it opens TLS (0x16, a handshake record), which is handed
 * to the TLS daemon (MHD_add_connection()), or is plain HTTP, which is
 * answered here with a page that says to use HTTPS, and closed. Nothing
 * on that address is ever served without TLS. A connection that says
 * nothing for LAN_SNIFF_MS is closed; at most LAN_SNIFF_MAX wait at once.
 */
#define LAN_SNIFF_MS	5000
#define LAN_SNIFF_MAX	32

struct lan {
	struct web		*w;
	struct MHD_Daemon	*d;
	int			 fd;		/* listening */
	int			 stop[2];	/* written to stop */
	pthread_t		 th;
	int			 started;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	int			 sniffing;	/* threads below, running */
	int			 stopping;
};

struct sniff {
	struct lan		*l;
	int			 fd;
	struct sockaddr_storage	 addr;
	socklen_t		 len;
};

/* Answer a plain HTTP request on the LAN address, after reading it. */
static void
lan_plain(struct lan *l, int fd)
{
	struct pollfd	 p = { fd, POLLIN, 0 };
	char		 buf[4096], *body, *head;
	size_t		 got = 0;
	ssize_t		 n;

	while (got + 1 < sizeof buf && poll(&p, 1, 500) == 1 &&
	    (n = recv(fd, buf + got, sizeof buf - 1 - got, 0)) > 0) {
		got += (size_t)n;
		buf[got] = '\0';
		if (strstr(buf, "\r\n\r\n") != NULL)
			break;
	}
	body = xasprintf("<!doctype html>\n<html lang=\"en\">\n<meta "
	    "charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width="
	    "device-width, initial-scale=1\">\n<title>midback: use HTTPS"
	    "</title>\n<h1>Use HTTPS</h1>\n<p>midback answers on this address "
	    "over HTTPS only, so that what passes between the phone and the "
	    "computer stays between them. Open https://%s:%d/ instead, or "
	    "scan the pairing code that midback serve --lan shows.</p>\n",
	    l->w->lan.host, l->w->port);
	head = xasprintf("HTTP/1.1 400 Bad Request\r\nContent-Type: text/html; "
	    "charset=utf-8\r\nContent-Length: %zu\r\nCache-Control: no-store"
	    "\r\nConnection: close\r\n\r\n", strlen(body));
	if (write(fd, head, strlen(head)) > 0)
		(void)!write(fd, body, strlen(body));
	shutdown(fd, SHUT_WR);
	while (poll(&p, 1, 200) == 1 && recv(fd, buf, sizeof buf, 0) > 0)
		continue;
	free(head);
	free(body);
}

static void *
lan_sniff(void *arg)
{
	struct sniff	*s = arg;
	struct lan	*l = s->l;
	struct pollfd	 p[2] = { { s->fd, POLLIN, 0 }, { l->stop[0], POLLIN,
			    0 } };
	unsigned char	 b;
	int		 handed = 0;

	if (poll(p, 2, LAN_SNIFF_MS) == 1 && (p[0].revents & POLLIN) &&
	    recv(s->fd, &b, 1, MSG_PEEK) == 1) {
		if (b == 0x16) {
			pthread_mutex_lock(&l->mu);
			if (!l->stopping) {
				/* It takes the socket, and closes it. */
				(void)MHD_add_connection(l->d, s->fd,
				    (struct sockaddr *)&s->addr, s->len);
				handed = 1;
			}
			pthread_mutex_unlock(&l->mu);
		} else
			lan_plain(l, s->fd);
	}
	if (!handed)
		close(s->fd);
	pthread_mutex_lock(&l->mu);
	l->sniffing--;
	pthread_cond_broadcast(&l->cv);
	pthread_mutex_unlock(&l->mu);
	free(s);
	return (NULL);
}

static void *
lan_accept(void *arg)
{
	struct lan	*l = arg;
	struct pollfd	 p[2] = { { l->fd, POLLIN, 0 }, { l->stop[0], POLLIN,
			    0 } };
	struct sniff	*s;
	pthread_attr_t	 at;
	pthread_t	 th;
	int		 fd, ok;

	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&at, 64 * 1024);
	for (;;) {
		if (poll(p, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[1].revents != 0)
			break;
		if ((p[0].revents & POLLIN) == 0)
			continue;
		s = xcalloc(1, sizeof *s);
		s->l = l;
		s->len = sizeof s->addr;
		if ((fd = accept4(l->fd, (struct sockaddr *)&s->addr, &s->len,
		    SOCK_CLOEXEC)) == -1) {
			free(s);
			continue;
		}
		s->fd = fd;
		pthread_mutex_lock(&l->mu);
		ok = l->sniffing < LAN_SNIFF_MAX;
		if (ok)
			l->sniffing++;
		pthread_mutex_unlock(&l->mu);
		if (ok && pthread_create(&th, &at, lan_sniff, s) == 0)
			continue;
		if (ok) {
			pthread_mutex_lock(&l->mu);
			l->sniffing--;
			pthread_mutex_unlock(&l->mu);
		}
		close(fd);
		free(s);
	}
	pthread_attr_destroy(&at);
	return (NULL);
}

/* Stop taking connections, and wait for the sniffing threads. */
static void
lan_stop(struct lan *l)
{
	if (l->started) {
		(void)!write(l->stop[1], "x", 1);
		pthread_join(l->th, NULL);
		l->started = 0;
	}
	pthread_mutex_lock(&l->mu);
	l->stopping = 1;
	while (l->sniffing > 0)
		pthread_cond_wait(&l->cv, &l->mu);
	pthread_mutex_unlock(&l->mu);
	if (l->fd != -1)
		close(l->fd);
	if (l->stop[0] != -1) {
		close(l->stop[0]);
		close(l->stop[1]);
	}
	l->fd = l->stop[0] = l->stop[1] = -1;
}

/* The address of host (as w->lan.host has it) into a; 0 or -1. */
static int
lan_sockaddr(const char *host, int port, struct sockaddr_storage *a,
    socklen_t *len)
{
	struct sockaddr_in	*a4 = (struct sockaddr_in *)a;
	struct sockaddr_in6	*a6 = (struct sockaddr_in6 *)a;
	char			 buf[64];
	size_t			 n = strlen(host);

	memset(a, 0, sizeof *a);
	if (host[0] == '[' && n > 2 && n < sizeof buf + 2) {
		memcpy(buf, host + 1, n - 2);
		buf[n - 2] = '\0';
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		*len = sizeof *a6;
		return (inet_pton(AF_INET6, buf, &a6->sin6_addr) == 1 ? 0 :
		    -1);
	}
	a4->sin_family = AF_INET;
	a4->sin_port = htons((uint16_t)port);
	*len = sizeof *a4;
	return (inet_pton(AF_INET, host, &a4->sin_addr) == 1 ? 0 : -1);
}

int
web_lan_address(const char *given, char *host, size_t len, char **err)
{
	struct in_addr		 a4;
	struct in6_addr		 a6;
	struct ifaddrs		*ifs, *i;
	FILE			*f;
	char			 line[256], iface[IF_NAMESIZE + 1] = "", *name;
	unsigned long		 dest, flags;
	int			 found = 0;

	if (given != NULL) {
		if (inet_pton(AF_INET, given, &a4) == 1) {
			if ((ntohl(a4.s_addr) >> 24) == 127 ||
			    a4.s_addr == INADDR_ANY) {
				*err = xasprintf("%s: not a network address "
				    "(serve answers on loopback anyway)",
				    given);
				return (-1);
			}
			snprintf(host, len, "%s", given);
			return (0);
		}
		if (inet_pton(AF_INET6, given, &a6) == 1) {
			if (IN6_IS_ADDR_LOOPBACK(&a6) ||
			    IN6_IS_ADDR_UNSPECIFIED(&a6) ||
			    IN6_IS_ADDR_LINKLOCAL(&a6)) {
				*err = xasprintf("%s: not an address a phone "
				    "can reach by URL (give a global or "
				    "unique local one)", given);
				return (-1);
			}
			snprintf(host, len, "[%s]", given);
			return (0);
		}
		*err = xasprintf("'%s' is not an IPv4 or IPv6 address", given);
		return (-1);
	}
	/* The interface of the default route, then its IPv4 address. */
	if ((f = fopen("/proc/net/route", "r")) == NULL) {
		*err = xasprintf("cannot read /proc/net/route: %s; give the "
		    "address: serve --lan ADDRESS", strerror(errno));
		return (-1);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		name = line;
		line[strcspn(line, "\t")] = '\0';
		if (sscanf(line + strlen(line) + 1, "%lx %*x %lx", &dest,
		    &flags) == 2 && dest == 0 && (flags & 1) != 0) {
			snprintf(iface, sizeof iface, "%.*s", IF_NAMESIZE,
			    name);
			break;
		}
	}
	fclose(f);
	if (iface[0] == '\0') {
		*err = xstrdup("this computer has no default route, so no "
		    "network a phone shares with it; give the address: "
		    "serve --lan ADDRESS");
		return (-1);
	}
	if (getifaddrs(&ifs) == -1) {
		*err = xasprintf("cannot list the addresses: %s",
		    strerror(errno));
		return (-1);
	}
	for (i = ifs; i != NULL && !found; i = i->ifa_next)
		if (i->ifa_addr != NULL && i->ifa_addr->sa_family == AF_INET &&
		    strcmp(i->ifa_name, iface) == 0) {
			inet_ntop(AF_INET, &((struct sockaddr_in *)
			    i->ifa_addr)->sin_addr, host, (socklen_t)len);
			found = 1;
		}
	freeifaddrs(ifs);
	if (!found) {
		*err = xasprintf("%s, the interface of the default route, "
		    "has no IPv4 address; give one: serve --lan ADDRESS",
		    iface);
		return (-1);
	}
	return (0);
}

/* Listen on the LAN address at port: l->fd, or -1 with *err set. */
static int
lan_listen(struct lan *l, int port, char **err)
{
	struct sockaddr_storage	a;
	socklen_t		len;
	int			one = 1;

	if (lan_sockaddr(l->w->lan.host, port, &a, &len) != 0) {
		*err = xasprintf("'%s' is not an address", l->w->lan.host);
		return (-1);
	}
	if ((l->fd = socket(a.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) ==
	    -1 || setsockopt(l->fd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof one) == -1 || bind(l->fd, (struct sockaddr *)&a, len) ==
	    -1 || listen(l->fd, 64) == -1) {
		*err = xasprintf("cannot listen on %s:%d: %s%s",
		    l->w->lan.host, port, strerror(errno), errno ==
		    EADDRNOTAVAIL ? " (not an address of this computer)" :
		    errno == EADDRINUSE ? " (choose another port with --port)" :
		    "");
		return (-1);
	}
	return (0);
}

static struct MHD_Daemon *
lan_daemon(struct web *w, const struct web_tls *t, int v6)
{
	return (MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL | MHD_USE_TLS |
	    MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC | (v6 ? MHD_USE_IPv6 : 0),
	    0, NULL, NULL, on_request_lan, w,
	    MHD_OPTION_HTTPS_MEM_KEY, t->key_pem,
	    MHD_OPTION_HTTPS_MEM_CERT, t->cert_pem,
	    MHD_OPTION_NOTIFY_COMPLETED, on_done, w,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONNECTIONS_MAX,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)WEB_IDLE_S,
	    MHD_OPTION_THREAD_STACK_SIZE, (size_t)(256 * 1024),
	    MHD_OPTION_END));
}

/* Start the LAN side: TLS, the socket, the daemon, the acceptor. */
static int
lan_start(struct lan *l, struct web *w, int port, struct web_tls *t,
    char **err)
{
	memset(l, 0, sizeof *l);
	l->w = w;
	l->fd = l->stop[0] = l->stop[1] = -1;
	pthread_mutex_init(&l->mu, NULL);
	pthread_cond_init(&l->cv, NULL);
	if (web_tls_load(t, (long long)time(NULL), err) != 0)
		return (-1);
	snprintf(w->lan.fingerprint, sizeof w->lan.fingerprint, "%s",
	    t->fingerprint);
	if (lan_listen(l, port, err) != 0)
		return (-1);
	if (pipe2(l->stop, O_CLOEXEC) == -1) {
		*err = xasprintf("cannot make a pipe: %s", strerror(errno));
		return (-1);
	}
	if ((l->d = lan_daemon(w, t, w->lan.host[0] == '[')) == NULL) {
		*err = xstrdup("cannot start the HTTPS server (is "
		    "libmicrohttpd built with TLS?)");
		return (-1);
	}
	if (pthread_create(&l->th, NULL, lan_accept, l) != 0) {
		*err = xstrdup("cannot start a thread");
		return (-1);
	}
	l->started = 1;
	return (0);
}

/* Say where a phone finds it, and the first pairing code. */
static void
lan_say(struct web *w, const struct web_tls *t)
{
	char	link[160], *qr, *cause = NULL;

	web_pair_new(w, link, sizeof link);
	/* The fingerprint in two lines of 16 bytes, to fit 80 columns. */
	printf("\nOn your network, for a phone: https://%s:%d/\n"
	    "Its certificate (%s): SHA-256 fingerprint\n  %.47s\n  %s\n"
	    "To pair a phone, scan this code with it within 2 minutes "
	    "(or open the link):\n  %s\n", w->lan.host, w->port, t->made ?
	    "made now" : "kept", t->fingerprint, t->fingerprint + 48, link);
	/* Colour on a terminal, unless NO_COLOR says not. */
	if ((qr = web_qr_text(link, isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL, &cause)) != NULL)
		fputs(qr, stdout);
	else {
		printf("(no QR code: %s)\n", cause);
		free(cause);
	}
	printf("The phone's browser warns about the certificate the first "
	    "time: go on if the\nfingerprint it shows is the one above. The "
	    "page's Phone tab gives new codes.\n");
	free(qr);
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
	struct lan		 lan;
	struct web_tls		 tls;
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
	memset(&tls, 0, sizeof tls);
	memset(&lan, 0, sizeof lan);
	lan.fd = lan.stop[0] = lan.stop[1] = -1;
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
	if (w->lan.on && lan_start(&lan, w, port, &tls, err) != 0) {
		lan_stop(&lan);
		if (lan.d != NULL)
			MHD_stop_daemon(lan.d);
		lan.d = NULL;
		web_tls_release(&tls);
		goto out_d;
	}
	snprintf(url, sizeof url, "http://127.0.0.1:%d/", port);
	web_link_url(port, w->key, link, sizeof link);
	printf("midback is at %s (Ctrl-C stops it). Open it, once, with\n"
	    "  %s\n(midback serve --link gives a fresh link for another "
	    "browser.)\n", url, link);
	if (w->lan.on)
		lan_say(w, &tls);
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
	if (w->lan.on) {
		lan_stop(&lan);
		live_shutdown(w->live);
		MHD_stop_daemon(lan.d);
		web_tls_release(&tls);
	}
	goto out;
out_d:
	/* The LAN side did not start: the loopback side stops unused. */
	(void)0;
out:
	live_shutdown(w->live);
	if (d6 != NULL)
		MHD_stop_daemon(d6);
	if (d4 != NULL)
		MHD_stop_daemon(d4);
	live_free(w->live);
	w->live = NULL;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return (d4 != NULL && *err == NULL ? 0 : -1);
}
