/*
 * pair.c -- pairing a phone with `serve --lan`.
 *
 * The computer shows a one-time link as a QR code (the terminal at the
 * start, the page on asking); the phone that opens it within
 * WEB_PAIR_MS gets a device cookie (HttpOnly, Secure, SameSite=Strict)
 * whose secret the store keeps with the phone's name. One link is good
 * at a time; a new one ends the one before. Attempts, good or bad, are
 * at most WEB_PAIR_TRIES a minute, so that a key cannot be guessed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"
#include "web/qr.h"
#include "core/xmalloc.h"
#include "sys/clock.h"

static int64_t
pair_now(const struct web *w)
{
	return (clock_wall_ms(w->coach.clock));
}

static void
pair_url(const struct web *w, char *buf, size_t len)
{
	snprintf(buf, len, "https://%s:%d/pair?k=%s", w->lan.host, w->port,
	    w->lan.key);
}

void
web_pair_new(struct web *w, char *buf, size_t len)
{
	if (web_secret(w->lan.key) != 0) {
		/* No randomness: no link, and a URL that says so. */
		w->lan.key[0] = '\0';
		snprintf(buf, len, "(no link: no randomness)");
		return;
	}
	w->lan.until_ms = pair_now(w) + WEB_PAIR_MS;
	pair_url(w, buf, len);
}

void
web_page(struct web_reply *r, int status, const char *title,
    const char *text)
{
	memset(r, 0, sizeof *r);
	r->status = status;
	r->type = "text/html; charset=utf-8";
	r->cache = "no-store";
	r->body = xasprintf("<!doctype html>\n<html lang=\"en\">\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<title>midback: %s</title>\n<h1>%s</h1>\n<p>%s</p>\n", title,
	    title, text);
	r->len = strlen(r->body);
}

/* Count a wrong attempt; 0 when past WEB_PAIR_TRIES in the last minute. */
static int
pair_try(struct web *w, int64_t now)
{
	int	i, n = 0;

	for (i = 0; i < w->lan.ntries; i++)
		if (now - w->lan.tries[i] < 60 * 1000)
			w->lan.tries[n++] = w->lan.tries[i];
	w->lan.ntries = n;
	if (n >= WEB_PAIR_TRIES)
		return (0);
	w->lan.tries[w->lan.ntries++] = now;
	return (1);
}

/* Compare in time that does not depend on where they differ. */
static int
key_eq(const char *want, const char *s)
{
	unsigned char	d = 0;
	size_t		i;

	if (want[0] == '\0' || s == NULL || strlen(s) != WEB_TOKEN_LEN)
		return (0);
	for (i = 0; i < WEB_TOKEN_LEN; i++)
		d |= (unsigned char)(s[i] ^ want[i]);
	return (d == 0);
}

void
web_pair_route(struct web *w, const struct web_req *q, struct web_reply *r)
{
	const char	*k = q->arg != NULL ? q->arg(q->ctx, "k") : NULL;
	char		 secret[WEB_TOKEN_LEN + 1], *name = NULL, *cause = NULL,
			 text[512];
	int64_t		 now;
	int		 rc;

	live_lock(w->live);
	now = pair_now(w);
	/*
	 * Only wrong links count against the limit: the link the computer
	 * shows (128 random bits) cannot be guessed, and anyone on the
	 * network sending wrong ones must not keep the right phone out.
	 */
	if (!key_eq(w->lan.key, k) && !pair_try(w, now)) {
		live_unlock(w->live);
		web_page(r, 429, "Too many tries", "Pairing was tried too "
		    "often in the last minute. Wait a minute, then scan a "
		    "new code.");
		r->retry_after = 60;
		return;
	}
	if (key_eq(w->lan.used, k)) {
		live_unlock(w->live);
		web_page(r, 403, "This link has been used", "Each pairing "
		    "link lets one phone in, once. On the computer, show a "
		    "new code (Pair a phone, or restart midback serve --lan) "
		    "and scan that.");
		return;
	}
	if (!key_eq(w->lan.key, k)) {
		live_unlock(w->live);
		web_page(r, 403, "This link is not good", "It is not the "
		    "pairing link the computer shows now. Scan the code that "
		    "midback serve --lan shows, or ask it for a new one.");
		return;
	}
	if (now > w->lan.until_ms) {
		w->lan.key[0] = '\0';
		live_unlock(w->live);
		web_page(r, 403, "This link has expired", "A pairing link "
		    "is good for two minutes. On the computer, show a new "
		    "code and scan it.");
		return;
	}
	if (web_secret(secret) != 0)
		rc = -1, cause = xstrdup("no randomness");
	else
		rc = coach_device_pair(&w->coach, q->user_agent, secret,
		    &name, &cause);
	if (rc == 0) {
		memcpy(w->lan.used, w->lan.key, sizeof w->lan.used);
		w->lan.key[0] = '\0';
	}
	live_unlock(w->live);
	if (rc != 0) {
		snprintf(text, sizeof text, "The phone could not be kept: "
		    "%s. Try again with a new code.", cause);
		free(cause);
		web_page(r, 503, "Not paired", text);
		return;
	}
	free(name);
	r->status = 303;
	r->location = "/";
	r->cache = "no-store";
	snprintf(r->set_cookie, sizeof r->set_cookie, WEB_DEVICE_COOKIE
	    "=%s; HttpOnly; Secure; SameSite=Strict; Path=/; "
	    "Max-Age=31536000", secret);
	r->body = xstrdup("");
	r->len = 0;
}

void
web_api_lan(struct web *w, const struct web_req *q, struct web_reply *r)
{
	json_t	*j, *list;
	char	**names = NULL, *cause = NULL, url[128];
	size_t	  n = 0, i;
	int	  rc;

	if (q->device != NULL) {
		web_json(r, json_pack("{s:s,s:b}", "device", q->device, "lan",
		    1));
		return;
	}
	j = json_pack("{s:n,s:b}", "device", "lan", w->lan.on);
	if (!w->lan.on) {
		web_json(r, j);
		return;
	}
	live_lock(w->live);
	rc = coach_devices(&w->coach, &names, &n, &cause);
	live_unlock(w->live);
	if (rc != 0) {
		json_decref(j);
		web_error(r, 500, "%s", cause);
		free(cause);
		return;
	}
	list = json_array();
	for (i = 0; i < n; i++) {
		json_array_append_new(list, json_string(names[i]));
		free(names[i]);
	}
	free(names);
	snprintf(url, sizeof url, "https://%s:%d/", w->lan.host, w->port);
	json_object_set_new(j, "url", json_string(url));
	json_object_set_new(j, "fingerprint", json_string(w->lan.fingerprint));
	json_object_set_new(j, "devices", list);
	web_json(r, j);
}

void
web_api_pair(struct web *w, const struct web_req *q, struct web_reply *r)
{
	char	url[160], *svg, *cause = NULL;

	(void)q;
	if (!w->lan.on) {
		web_error(r, 409, "midback serve runs without --lan: a phone "
		    "cannot reach it");
		return;
	}
	live_lock(w->live);
	web_pair_new(w, url, sizeof url);
	live_unlock(w->live);
	if ((svg = web_qr_svg(url, &cause)) == NULL) {
		web_error(r, 500, "%s", cause);
		free(cause);
		return;
	}
	web_json(r, json_pack("{s:s,s:s,s:i,s:s}", "link", url, "svg", svg,
	    "seconds", WEB_PAIR_MS / 1000, "fingerprint",
	    w->lan.fingerprint));
	free(svg);
}
