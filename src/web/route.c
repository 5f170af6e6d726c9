/*
 * route.c -- every request's checks, and where it goes.
 *
 * A port on 127.0.0.1 is reachable by every web page the person visits,
 * so each request is checked before anything else:
 *  - its Host must be this server's loopback name and port: a page on
 *    another site whose name was made to resolve to 127.0.0.1 (DNS
 *    rebinding) sends its own name, and is refused;
 *  - the page and the API are for the person who started the server
 *    alone: the session cookie (HttpOnly, SameSite=Strict) is given
 *    only by a one-time link, which midback hands to its owner (printed
 *    on the terminal, or opened through a file only they can read);
 *    other users of the machine are refused at the socket (server.c);
 *  - a request that changes anything (POST, the only such method) must
 *    carry this server's Origin and the token of this run, which only
 *    the page we served can read (no CORS headers are ever sent);
 *  - a body is at most WEB_BODY_MAX bytes.
 * Only the embedded assets, the API and the camera mode's model files
 * answer. Those files (web_pose_files[]) are the one place a request
 * reads the file system: a fixed list of names, each joined to the pose
 * folder as it is, so no path from a request reaches it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "web/web.h"
#include "coach/coach.h"
#include "coach/doc.h"
#include "core/xmalloc.h"
#include "sys/fileio.h"
#include "sys/paths.h"

static void	web_route_checked(struct web *, const struct web_req *,
		    struct web_reply *);

/* Where `make install` puts the pose model's files (see the Makefile). */
#ifndef POSE_DIR_DEFAULT
#define POSE_DIR_DEFAULT	"/usr/local/share/midback/pose"
#endif

/*
 * What the camera mode loads from @mediapipe/pose (vendor/pose): the
 * script, its WebAssembly runtime (with and without SIMD), the graph and
 * the lite and full landmark models. The heavy model (27 MB) is left out.
 */
const struct web_pose_file web_pose_files[] = {
	{ "pose.js", "text/javascript; charset=utf-8" },
	{ "pose_solution_packed_assets_loader.js",
	    "text/javascript; charset=utf-8" },
	{ "pose_solution_packed_assets.data", "application/octet-stream" },
	{ "pose_solution_simd_wasm_bin.js", "text/javascript; charset=utf-8" },
	{ "pose_solution_simd_wasm_bin.wasm", "application/wasm" },
	{ "pose_solution_wasm_bin.js", "text/javascript; charset=utf-8" },
	{ "pose_solution_wasm_bin.wasm", "application/wasm" },
	{ "pose_web.binarypb", "application/octet-stream" },
	{ "pose_landmark_lite.tflite", "application/octet-stream" },
	{ "pose_landmark_full.tflite", "application/octet-stream" },
};
const size_t web_npose_files = sizeof web_pose_files /
    sizeof web_pose_files[0];

/*
 * The camera frame (web/camera/frame.html) is the one page that compiles
 * WebAssembly: it alone gets 'wasm-unsafe-eval', and it may be framed by
 * our own pages (the player), no one else's. Everything else keeps the
 * pages' CSP (server.c), which has neither.
 */
static const char camera_csp[] =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
    "media-src 'self' blob:; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'";
#define CAMERA_PAGE	"/camera/frame.html"

/* The pose file named name, or NULL. */
static const struct web_pose_file *
pose_find(const char *name)
{
	size_t	i;

	for (i = 0; i < web_npose_files; i++)
		if (strcmp(web_pose_files[i].name, name) == 0)
			return (&web_pose_files[i]);
	return (NULL);
}

/* Whether every pose file is a readable file in w->pose_dir. */
static int
pose_present(const struct web *w)
{
	struct stat	 st;
	char		*path;
	size_t		 i;
	int		 ok = 1;

	for (i = 0; ok && i < web_npose_files; i++) {
		path = xasprintf("%s/%s", w->pose_dir, web_pose_files[i].name);
		ok = stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(path, R_OK) == 0;
		free(path);
	}
	return (ok);
}

/* GET /vendor/pose/NAME: one of the model's files, read as it is. */
static void
pose_serve(struct web *w, const char *name, struct web_reply *r)
{
	const struct web_pose_file	*f;
	char				*path, *err = NULL;

	if ((f = pose_find(name)) == NULL) {
		web_error(r, 404, "no such page");
		return;
	}
	path = xasprintf("%s/%s", w->pose_dir, f->name);
	r->body = file_read(path, &r->len, &err);
	free(path);
	if (r->body == NULL) {
		free(err);
		web_error(r, 404, "the camera mode's model files are not "
		    "installed");
		return;
	}
	r->status = 200;
	r->type = f->type;
	/* The same package version gives the same bytes. */
	r->cache = "max-age=86400";
}

static const struct web_asset *
asset_find(const char *path)
{
	size_t	i;

	for (i = 0; i < web_nassets; i++)
		if (strcmp(web_assets[i].path, path) == 0)
			return (&web_assets[i]);
	return (NULL);
}

/* A random secret of WEB_TOKEN_LEN hex digits into buf. 0 or -1. */
int
web_secret(char *buf)
{
	unsigned char	raw[WEB_TOKEN_LEN / 2];
	size_t		i;

	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return (-1);
	for (i = 0; i < sizeof raw; i++)
		snprintf(buf + 2 * i, 3, "%02x", raw[i]);
	return (0);
}

int
web_init(struct web *w, char **err)
{
	const struct web_asset	*a;
	const char		*at;

	if (web_secret(w->token) != 0 || web_secret(w->session) != 0 ||
	    web_secret(w->key) != 0) {
		*err = xstrdup("cannot make a token: no randomness");
		return (-1);
	}
	w->key_used = 0;
	if ((a = asset_find("/index.html")) == NULL ||
	    (at = strstr(a->data, "@TOKEN@")) == NULL) {
		*err = xstrdup("the built-in page is missing");
		return (-1);
	}
	w->index = xasprintf("%.*s%s%s", (int)(at - a->data), a->data,
	    w->token, at + strlen("@TOKEN@"));
	w->index_len = strlen(w->index);
	at = getenv("MIDBACK_POSE_DIR");
	w->pose_dir = xstrdup(at != NULL && at[0] != '\0' ? at :
	    POSE_DIR_DEFAULT);
	w->pose_ok = pose_present(w);
	return (0);
}

void
web_release(struct web *w)
{
	free(w->index);
	w->index = NULL;
	free(w->pose_dir);
	w->pose_dir = NULL;
	free(w->today.key);
	free(w->today.body);
	w->today.key = w->today.body = NULL;
}

void
web_reply_free(struct web_reply *r)
{
	if (!r->borrowed)
		free(r->body);
	r->body = NULL;
}

void
web_json(struct web_reply *r, json_t *j)
{
	r->status = 200;
	r->type = "application/json";
	r->cache = "no-store";
	r->body = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	r->len = r->body != NULL ? strlen(r->body) : 0;
	if (r->body == NULL) {
		r->status = 500;
		r->body = xstrdup("{\"error\":\"out of memory\"}");
		r->len = strlen(r->body);
	}
	json_decref(j);
}

void
web_doc(struct web_reply *r, json_t *j)
{
	r->status = 200;
	r->type = "application/json";
	r->cache = "no-store";
	if ((r->body = doc_text(j)) == NULL) {
		r->status = 500;
		r->body = xstrdup("{\"error\":\"out of memory\"}");
	}
	r->len = strlen(r->body);
	json_decref(j);
}

void
web_error(struct web_reply *r, int status, const char *fmt, ...)
{
	va_list			 ap;
	char			*msg;
	json_t			*j;
	enum coach_failure	 f;

	/* A storage failure met on the way is not the request's fault. */
	if ((status == 400 || status == 500) &&
	    (f = coach_failure_take()) != COACH_FAIL_NONE)
		status = f == COACH_FAIL_FULL ? 507 : 503;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	j = json_pack("{s:s}", "error", msg != NULL ? msg : "error");
	free(msg);
	web_json(r, j);
	r->status = status;
}

/* Whether s is this server's name: one of the loopback names and port. */
static int
host_ok(const struct web *w, const char *s)
{
	char	buf[64];

	if (s == NULL)
		return (0);
	snprintf(buf, sizeof buf, "127.0.0.1:%d", w->port);
	if (strcmp(s, buf) == 0)
		return (1);
	snprintf(buf, sizeof buf, "localhost:%d", w->port);
	if (strcasecmp(s, buf) == 0)
		return (1);
	snprintf(buf, sizeof buf, "[::1]:%d", w->port);
	return (strcmp(s, buf) == 0);
}

/* Compare in time that does not depend on where they differ. */
static int
secret_eq(const char *want, const char *s)
{
	unsigned char	d = 0;
	size_t		i;

	if (s == NULL || strlen(s) != WEB_TOKEN_LEN)
		return (0);
	for (i = 0; i < WEB_TOKEN_LEN; i++)
		d |= (unsigned char)(s[i] ^ want[i]);
	return (d == 0);
}

/*
 * Whether key is a one-time key not used yet: the first link's, or one
 * `serve --link` left as a file (taken, and removed, here). A used or
 * expired one is refused.
 */
static int
key_ok(struct web *w, const char *key, int64_t now_ms)
{
	char		 name[64], *path, *err = NULL;
	struct stat	 st;
	size_t		 i;
	int		 ok = 0;

	if (key == NULL || strlen(key) != WEB_TOKEN_LEN)
		return (0);
	for (i = 0; i < WEB_TOKEN_LEN; i++)
		if (strchr("0123456789abcdef", key[i]) == NULL)
			return (0);
	if (!w->key_used && secret_eq(w->key, key)) {
		w->key_used = 1;
		return (1);
	}
	snprintf(name, sizeof name, WEB_LINK_PREFIX "%s", key);
	if ((path = paths_state(name, &err)) == NULL) {
		free(err);
		return (0);
	}
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_uid == getuid() && (st.st_mode & 077) == 0 &&
	    now_ms - (int64_t)st.st_mtime * 1000 <= WEB_LINK_MS &&
	    unlink(path) == 0)
		ok = 1;
	free(path);
	return (ok);
}

static int
token_ok(const struct web *w, const char *s)
{
	unsigned char	d = 0;
	size_t		i;

	if (s == NULL || strlen(s) != WEB_TOKEN_LEN)
		return (0);
	for (i = 0; i < WEB_TOKEN_LEN; i++)
		d |= (unsigned char)(s[i] ^ w->token[i]);
	return (d == 0);
}

/* Whether s is the LAN address's name and port. */
static int
lan_host_ok(const struct web *w, const char *s)
{
	char	buf[96];

	if (s == NULL || !w->lan.on)
		return (0);
	snprintf(buf, sizeof buf, "%s:%d", w->lan.host, w->port);
	return (strcmp(s, buf) == 0);
}

/* What a paired phone may not do: these stay on the computer. */
static const char *
device_refused(const char *url)
{
	static const struct {
		const char	*path;
		const char	*why;
	} no[] = {
		{ "/api/export", "export stays on the computer" },
		{ "/api/import", "import stays on the computer" },
		{ "/api/settings", "the settings stay on the computer" },
		{ "/api/pair", "pairing is done from the computer" },
	};
	size_t	i;

	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcmp(url, no[i].path) == 0)
			return (no[i].why);
	return (NULL);
}

/*
 * A request to the LAN address (over TLS: server.c refuses plain HTTP
 * there): its Host; the pairing link; then the device cookie of a
 * paired phone, looked up in the store each time, so that a device
 * forgotten by `serve --forget` is refused at once. Returns 1 when
 * *r is the answer, 0 to go on, with *device the phone's name.
 */
static int
lan_route(struct web *w, const struct web_req *q, struct web_reply *r,
    char **device)
{
	char	*cause = NULL;
	int	 rc, page;

	*device = NULL;
	if (!lan_host_ok(w, q->host)) {
		web_page(r, 421, "Wrong address", "This server answers only "
		    "to the address midback serve --lan printed.");
		return (1);
	}
	if (strcmp(q->url, "/pair") == 0 && (strcmp(q->method, "GET") == 0 ||
	    strcmp(q->method, "HEAD") == 0)) {
		web_pair_route(w, q, r);
		return (1);
	}
	page = strcmp(q->url, "/") == 0 || strcmp(q->url, "/index.html") == 0;
	if (!page && strncmp(q->url, "/api/", 5) != 0)
		return (0);	/* the assets, as on loopback */
	rc = 1;
	if (q->device_cookie != NULL && strlen(q->device_cookie) ==
	    WEB_TOKEN_LEN) {
		live_lock(w->live);
		rc = coach_device_find(&w->coach, q->device_cookie, device,
		    &cause);
		live_unlock(w->live);
	}
	if (rc < 0) {
		web_error(r, 503, "%s", cause);
		free(cause);
		return (1);
	}
	if (rc == 1) {
		if (page)
			web_page(r, 401, "This phone is not paired", "Pair it "
			    "first: on the computer, run midback serve --lan "
			    "and scan the code it shows. A phone that was "
			    "forgotten (serve --forget) is paired again the "
			    "same way.");
		else
			web_error(r, 401, "this phone is not paired, or was "
			    "forgotten: scan the code of midback serve --lan");
		return (1);
	}
	return (0);
}

void
web_route(struct web *w, const struct web_req *q0, struct web_reply *r)
{
	const char		*k;
	struct web_req		 qq = *q0, *q = &qq;
	char			*device = NULL;
	int			 get, page;

	memset(r, 0, sizeof *r);
	(void)coach_failure_take();	/* an earlier request's */
	if (q->lan) {
		if (lan_route(w, q, r, &device))
			return;
		q->device = device;
		web_route_checked(w, q, r);
		free(device);
		return;
	}
	q->device = NULL;
	if (!host_ok(w, q->host)) {
		web_error(r, 421, "this server answers only to "
		    "http://127.0.0.1:%d/", w->port);
		return;
	}
	get = strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0;
	page = strcmp(q->url, "/") == 0 || strcmp(q->url, "/index.html") == 0 ||
	    strcmp(q->url, CAMERA_PAGE) == 0;
	/* The one-time link: the cookie, and on to the page. */
	if (get && page && q->arg != NULL && (k = q->arg(q->ctx, "k")) !=
	    NULL) {
		/* Real time: the link's file has the system's mtime. */
		if (!key_ok(w, k, (int64_t)time(NULL) * 1000)) {
			web_error(r, 403, "this link has been used or has "
			    "expired: run midback serve --link for a new one");
			return;
		}
		r->status = 303;
		r->location = "/";
		r->cache = "no-store";
		snprintf(r->set_cookie, sizeof r->set_cookie, WEB_COOKIE
		    "=%s; HttpOnly; SameSite=Strict; Path=/", w->session);
		r->body = xstrdup("");
		return;
	}
	/* The page and the API are the cookie holder's alone. */
	if ((page || strncmp(q->url, "/api/", 5) == 0) &&
	    !secret_eq(w->session, q->cookie)) {
		web_error(r, 401, "open midback through the link midback "
		    "serve printed, or run midback serve --link for a new "
		    "one");
		if (page) {
			web_reply_free(r);
			r->type = "text/html; charset=utf-8";
			r->body = xstrdup("<!doctype html>\n<meta charset="
			    "\"utf-8\">\n<title>midback</title>\n<p>This page "
			    "is for the person who started midback serve. Open "
			    "it through the link that <code>midback serve</code> "
			    "printed, or run <code>midback serve --link</code> "
			    "for a new one.</p>\n");
			r->len = strlen(r->body);
		}
		return;
	}
	web_route_checked(w, q, r);
}

/* Past who may ask: the Origin and token of a change, its size, and
   where it goes. */
static void
web_route_checked(struct web *w, const struct web_req *q,
    struct web_reply *r)
{
	const struct web_asset	*a;
	const char		*why;
	int			 get, post;

	get = strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0;
	post = strcmp(q->method, "POST") == 0;
	if (q->device != NULL && (why = device_refused(q->url)) != NULL) {
		web_error(r, 403, "%s: a paired phone cannot do that", why);
		return;
	}
	if (post) {
		if (q->origin == NULL || (q->lan ? strncmp(q->origin,
		    "https://", 8) != 0 || !lan_host_ok(w, q->origin + 8) :
		    strncmp(q->origin, "http://", 7) != 0 ||
		    !host_ok(w, q->origin + 7))) {
			web_error(r, 403, "a change needs this server's Origin");
			return;
		}
		if (!token_ok(w, q->token)) {
			web_error(r, 403, "a change needs this page's token "
			    "(reload the page)");
			return;
		}
		if (q->too_big || q->len > web_body_max(q->url)) {
			web_error(r, 413, "the request is larger than %zu bytes",
			    web_body_max(q->url));
			return;
		}
	}
	if (strncmp(q->url, "/api/", 5) == 0) {
		if (!get && !post) {
			web_error(r, 405, "method %s is not allowed",
			    q->method);
			r->allow = "GET, HEAD, POST";
			return;
		}
		web_api(w, q, r);
		return;
	}
	if (!get) {
		web_error(r, 405, "method %s is not allowed", q->method);
		r->allow = "GET, HEAD";
		return;
	}
	if (strcmp(q->url, "/") == 0 || strcmp(q->url, "/index.html") == 0) {
		r->status = 200;
		r->type = "text/html; charset=utf-8";
		r->cache = "no-store";
		r->body = w->index;
		r->len = w->index_len;
		r->borrowed = 1;
		return;
	}
	if (strncmp(q->url, "/vendor/pose/", 13) == 0) {
		pose_serve(w, q->url + 13, r);
		return;
	}
	if ((a = asset_find(q->url)) == NULL) {
		web_error(r, 404, "no such page");
		return;
	}
	r->status = 200;
	r->type = a->type;
	r->cache = "no-cache";
	if (strcmp(q->url, CAMERA_PAGE) == 0) {
		r->cache = "no-store";
		r->csp = camera_csp;
		r->framable = 1;
	}
	r->body = (char *)a->data;
	r->len = a->len;
	r->borrowed = 1;
}
