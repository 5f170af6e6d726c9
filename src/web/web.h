/*
 * web.h -- `midback serve`: the local web app, a front end like the
 * terminal player. All rules stay in C (src/coach/, src/core/); the
 * browser posts events to a small JSON API and receives the session's
 * state as Server-Sent Events. docs/api.md documents the API.
 *
 * The pieces:
 *  - server.c: the only file that knows libmicrohttpd (opened with
 *    dlopen(), mhd.h): the listening sockets on 127.0.0.1 and ::1, the
 *    request bodies, the event stream, the signals;
 *  - route.c: every request's checks (Host, Origin, token, size, method)
 *    and where it goes; the embedded assets. Knows nothing of HTTP
 *    libraries, so tests/unit/t-web.c drives it directly;
 *  - api.c: the JSON API's handlers;
 *  - live.c: the session being played, its timer and its state;
 *  - unit.c: the systemd user unit and the runtime file that tells a
 *    reminder where the page is.
 */
#ifndef MIDBACK_WEB_H
#define MIDBACK_WEB_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "coach/coach.h"

/* The port `serve` listens on unless told otherwise. */
#define WEB_PORT_DEFAULT	7415
/* The largest request body taken; beyond it, 413. */
#define WEB_BODY_MAX		(64 * 1024)
/* ... but an export of years of history, for POST /api/import. */
#define WEB_IMPORT_MAX		(8 * 1024 * 1024)
/* The header that carries the per-run token on a state-changing request. */
#define WEB_TOKEN_HEADER	"X-Midback-Token"
#define WEB_TOKEN_LEN		32	/* hex digits */
/* The systemd user unit that runs `serve`. */
#define WEB_UNIT		"midback-serve.service"
/* $XDG_RUNTIME_DIR/midback/NAME: where a running serve says its URL. */
#define WEB_STATE_FILE		"serve.json"

/* The device cookie of a paired phone: Secure, so with the prefix. */
#define WEB_DEVICE_COOKIE	"__Host-midback-device"
/* A pairing link is good for this long, and once. */
#define WEB_PAIR_MS		(2 * 60 * 1000)
/* At most this many pairing attempts a minute, good or bad. */
#define WEB_PAIR_TRIES		6

struct live;

/* The files of web/, built into the program (scripts/embed-web). */
struct web_asset {
	const char	*path;		/* "/app.js" */
	const char	*type;		/* Content-Type */
	const char	*data;		/* NUL-terminated */
	size_t		 len;
};
extern const struct web_asset	web_assets[];
extern const size_t		web_nassets;

/* What a server works with. */
struct web {
	struct coach	 coach;		/* store open, created */
	struct live	*live;
	int		 port;
	char		 token[WEB_TOKEN_LEN + 1];
	char		*index;		/* index.html with the token */
	/*
	 * Who may use it: the session cookie, given only by a one-time
	 * link; the first link (printed, or opened through a file only the
	 * owner can read) is key until used; `serve --link` leaves more as
	 * files in the runtime folder (web_link_new()).
	 */
	char		 session[WEB_TOKEN_LEN + 1];
	char		 key[WEB_TOKEN_LEN + 1];
	int		 key_used;
	size_t		 index_len;
	char		*settings_path;	/* config.yaml */
	/*
	 * serve --lan: the network address (its text, as a Host names
	 * it: "192.168.1.20" or "[2001:db8::2]") listened on with TLS at
	 * port, the certificate's fingerprint, and the one pairing link
	 * good now (pair.c); under the live lock.
	 */
	struct {
		int	 on;
		char	 host[64];	/* the address as a URL has it */
		char	 fingerprint[100];
		char	 key[WEB_TOKEN_LEN + 1];	/* "" when none */
		char	 used[WEB_TOKEN_LEN + 1];	/* the last one used */
		int64_t	 until_ms;	/* the key's end (the coach's clock) */
		int64_t	 tries[WEB_PAIR_TRIES];	/* the last attempts */
		int	 ntries;
	}		 lan;
	/*
	 * The camera mode's pose model (@mediapipe/pose, installed apart,
	 * never built in): the folder its files are read from, and whether
	 * every one of them is there (web_init()).
	 */
	char		*pose_dir;
	int		 pose_ok;
	/*
	 * The last GET /api/today answer, kept while its question, the
	 * day and the store (store_stamp()) are the same: planning reads
	 * the store (the program's kept replay and the weeks since), and
	 * pages ask often.
	 */
	struct {
		char	*key;		/* the question and the day */
		int64_t	 stamp;
		char	*body;		/* the JSON answered */
	}		 today;
};

/* One request, as the HTTP library hands it over. */
struct web_req {
	const char	*method;
	const char	*url;		/* the path, without the query */
	const char	*host;		/* headers; NULL when absent */
	const char	*origin;
	const char	*token;
	const char	*cookie;	/* the session cookie's value */
	int		 lan;		/* came to the LAN address (TLS) */
	const char	*device_cookie;	/* WEB_DEVICE_COOKIE's value */
	const char	*user_agent;
	const char	*device;	/* set by web_route(): the paired
					   phone's name, NULL for the
					   computer */
	const char	*content_type;
	const char	*body;		/* NUL-terminated; NULL if none */
	size_t		 len;
	int		 too_big;	/* the body passed WEB_BODY_MAX */
	/* A query argument, or NULL. */
	const char	*(*arg)(void *ctx, const char *name);
	void		*ctx;
};

/* The answer to it. */
struct web_reply {
	int		 status;
	const char	*type;		/* Content-Type */
	const char	*cache;		/* Cache-Control */
	const char	*disposition;	/* Content-Disposition, or NULL */
	char		*body;		/* owned, unless borrowed is set */
	size_t		 len;
	int		 borrowed;	/* body is static */
	int		 stream;	/* 1: the event stream (server.c) */
	const char	*allow;		/* Allow, on a 405 */
	const char	*csp;		/* Content-Security-Policy; NULL:
					   the pages' own */
	const char	*location;	/* Location, on a redirect */
	int		 framable;	/* may be framed by our own pages */
	char		 set_cookie[160];	/* Set-Cookie, or "" */
	int		 retry_after;	/* seconds, on a 503; 0 none */
};

/* The session cookie's name, and the runtime files of fresh links. */
#define WEB_COOKIE		"midback"
#define WEB_LINK_PREFIX		"link-"
/* A link made by `serve --link` is good for this long, and once. */
#define WEB_LINK_MS		(2 * 60 * 1000)
/* The port of the server running now (its runtime file). 0 or -1. */
int	 web_state_read(int *port, char **err);
/* A random secret of WEB_TOKEN_LEN hex digits into buf. 0 or -1. */
int	 web_secret(char *buf);
/* The page's link (with its one-time key) for port, into buf. */
void	 web_link_url(int port, const char *key, char *buf, size_t len);
/*
 * A fresh one-time link to the running server at port: a key kept as a
 * file only its owner can read, $XDG_RUNTIME_DIR/midback/link-KEY, that
 * the server takes (and removes) once, within WEB_LINK_MS. Its URL into
 * buf. Returns 0 or -1.
 */
int	 web_link_new(int port, char *buf, size_t len, char **err);
/*
 * A file only its owner can read that sends a browser to url (a meta
 * refresh): what --open hands to xdg-open, so that the key is never on
 * a command line other users can read. Its path, allocated; NULL on
 * failure.
 */
char	*web_link_file(const char *url, char **err);

/* route.c */
/*
 * Make w's token and its index page. Returns 0, or -1 with *err set.
 */
int	 web_init(struct web *, char **err);
/*
 * The camera mode's model files, served under /vendor/pose/ from
 * w->pose_dir: only these names, each with its type. MIDBACK_POSE_DIR
 * in the environment names the folder; otherwise POSE_DIR_DEFAULT.
 */
struct web_pose_file {
	const char	*name;
	const char	*type;
};
extern const struct web_pose_file	web_pose_files[];
extern const size_t			web_npose_files;
void	 web_release(struct web *);
/*
 * Check and answer one request: the Host must name this server on a
 * loopback address (DNS rebinding); a request that changes anything must
 * carry this server's Origin and token (CSRF); a body is at most
 * WEB_BODY_MAX. Then an embedded asset, or the API. Fills *r.
 */
void	 web_route(struct web *, const struct web_req *, struct web_reply *);
void	 web_reply_free(struct web_reply *);
/* A reply of JSON {"error": msg} with status. */
void	 web_error(struct web_reply *, int status, const char *fmt, ...)
	     __attribute__((format(printf, 3, 4)));
/* A reply of the JSON j (a reference taken), status 200. */
void	 web_json(struct web_reply *, json_t *j);
/* The same, as the command line prints it (doc_text()): for documents
 * both send, so that they are the same bytes. */
void	 web_doc(struct web_reply *, json_t *j);

/*
 * Plan options from the API's strings (any may be NULL: the default, as
 * `today`). Returns 0, or -1 with *err set.
 */
int	 web_plan_opts(struct web *, const char *minutes, const char *place,
	     const char *equipment, const char *date, struct plan_opts *,
	     char **err);
/* The largest body a request to url may carry. */
size_t	 web_body_max(const char *url);

/* api.c */
/* The API under /api: fills *r, 404 for a path it does not know. */
void	 web_api(struct web *, const struct web_req *, struct web_reply *);

/* live.c */
/* The live session over w's coach; NULL with *err set. */
struct live	*live_new(struct web *, char **err);
/* Stop its timer and free it; a session being played stays unfinished
   in the store, to be resumed. */
void		 live_free(struct live *);
/* Wake every stream to end (the server stops). */
void		 live_shutdown(struct live *);
/* The session's state now as JSON (a new reference). */
json_t		*live_state(struct live *);
/*
 * Begin a session: body {"kind","minutes","place","equipment","one",
 * "pain","routine"} or resume; handle an event; rate pain after.
 * Each fills *r with the new state or an error.
 */
void		 live_begin(struct live *, json_t *body, struct web_reply *);
void		 live_resume(struct live *, struct web_reply *);
void		 live_event(struct live *, json_t *body, struct web_reply *);
void		 live_pain_after(struct live *, json_t *body,
		     struct web_reply *);
void		 live_close(struct live *, struct web_reply *);
/*
 * The event stream: the next chunk for a reader that has seen version
 * *seen, waiting up to wait_ms for a change; a comment line when nothing
 * changed. NULL when the server stops. The caller frees the text.
 */
/* The store is shared by the session and the API: one lock for both. */
void		 live_lock(struct live *);
void		 live_unlock(struct live *);
char		*live_next(struct live *, unsigned long *seen, int wait_ms);

/* unit.c */
/* The unit that runs this program's `serve --port port` (WEB_UNIT). */
char	*web_unit_text(int port, char **err);
/* Write or remove the runtime file that says a serve runs, and where. */
int	 web_state_write(int port, char **err);
void	 web_state_remove(void);

/* pair.c */
/*
 * A new pairing link (the one before it is no longer good), its URL
 * into buf: https://HOST:PORT/pair?k=KEY, good for WEB_PAIR_MS. Takes
 * the live lock (the caller's; none before the server starts).
 */
void	 web_pair_new(struct web *, char *buf, size_t len);
/* GET /pair?k=KEY on the LAN address: the device cookie, or why not. */
void	 web_pair_route(struct web *, const struct web_req *,
	     struct web_reply *);
/* A page that says why, with status (for the phone's browser). */
void	 web_page(struct web_reply *, int status, const char *title,
	     const char *text);
/* GET /api/lan: who asks (a phone's name), and for the computer the
   LAN address, fingerprint and paired devices. POST /api/pair: a new
   pairing link, with its QR code as SVG. */
void	 web_api_lan(struct web *, const struct web_req *,
	     struct web_reply *);
void	 web_api_pair(struct web *, const struct web_req *,
	     struct web_reply *);

/* server.c */
/*
 * Listen on 127.0.0.1 and ::1 at w->port and serve until SIGINT or
 * SIGTERM. opener: a command to run with the URL once listening (xdg-open),
 * or NULL. Says nothing itself but the URL on stdout; returns 0, or -1
 * with *err set (the port taken included).
 */
int	 web_serve(struct web *, const char *opener, char **err);
/*
 * The LAN address for serve --lan into host (as a URL names it, "[...]"
 * for IPv6): given's, checked, or with given NULL the IPv4 address of the
 * default route's interface. Returns 0, or -1 with *err set.
 */
int	 web_lan_address(const char *given, char *host, size_t len,
	     char **err);

#endif
