/*
 * fuzz-http.c -- libFuzzer target: requests to `midback serve`'s
 * handlers (src/web/route.c and api.c), past the HTTP library, as
 * server.c hands them over. The input is split at its first three
 * newlines into method, path, a header choice and the body; the request
 * carries the right Host, Origin and token when the choice's first byte
 * is even, so the fuzzer reaches both the checks and the handlers
 * behind them. Every answer must be a known status with a body.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"
#include "core/xmalloc.h"
#include "sys/clock.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

extern const char	midback_exercises_yaml[];
extern const size_t	midback_exercises_yaml_len;

static struct web	 w;
static struct catalog	*cat;
static struct clock	 clk;
static char		 host[64], origin[80];

/* No query arguments: the handlers take their defaults. */
static const char *
no_arg(void *ctx, const char *name)
{
	(void)ctx;
	(void)name;
	return (NULL);
}

static void
init(void)
{
	struct diag	 d = DIAG_INIT;
	char		*err = NULL;

	cat = catalog_parse("exercises.yaml", midback_exercises_yaml,
	    midback_exercises_yaml_len, NULL, &d);
	if (cat == NULL)
		abort();
	clock_manual(&clk, 1772445600000LL);
	w.coach.catalog = cat;
	w.coach.clock = &clk;
	if (coach_open(&w.coach, ":memory:", &err) != 0)
		abort();
	w.port = 7415;
	w.settings_path = xstrdup("/nonexistent/midback/config.yaml");
	if (web_init(&w, &err) != 0 || (w.live = live_new(&w, &err)) == NULL)
		abort();
	snprintf(host, sizeof host, "127.0.0.1:%d", w.port);
	snprintf(origin, sizeof origin, "http://%s", host);
}

/* The next field of *p (up to a newline, or the rest), NUL-terminated. */
static char *
field(char **p, int last)
{
	char	*s = *p, *nl;

	if (!last && (nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		*p = nl + 1;
	} else
		*p = s + strlen(s);
	return (s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct web_req		 q;
	struct web_reply	 r;
	char			*buf, *p, *choice;

	if (cat == NULL)
		init();
	buf = xmalloc(len + 1);
	memcpy(buf, data, len);
	buf[len] = '\0';
	p = buf;
	memset(&q, 0, sizeof q);
	memset(&r, 0, sizeof r);
	q.method = field(&p, 0);
	q.url = field(&p, 0);
	choice = field(&p, 0);
	q.body = field(&p, 1);
	q.len = strlen(q.body);
	q.arg = no_arg;
	if ((choice[0] & 1) == 0) {
		q.host = host;
		q.origin = origin;
		q.token = w.token;
		q.cookie = w.session;
		q.content_type = "application/json";
	} else
		q.host = choice;
	web_route(&w, &q, &r);
	/* The event stream is server.c's to run; every other answer is whole. */
	if (!r.stream && (r.status < 200 || r.status > 599 || r.body == NULL))
		abort();
	web_reply_free(&r);
	free(buf);
	return (0);
}
