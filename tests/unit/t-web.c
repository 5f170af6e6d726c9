/*
 * t-web.c -- the web front end's checks and API, driven without HTTP:
 * every rule of route.c on hand-made requests, then a request-mutation
 * loop (random methods, paths, headers and bodies made from valid ones
 * with bytes flipped, cut and repeated) under ASan and UBSan. Whatever
 * comes in, the answer is a known status with a JSON or asset body, and
 * a refused change stores nothing.
 */
#include <setjmp.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "web/web.h"
#include "core/xmalloc.h"
#include "sys/clock.h"

extern const char	midback_exercises_yaml[];
extern const size_t	midback_exercises_yaml_len;

struct fix {
	struct catalog	*catalog;
	struct clock	 clock;
	struct web	 w;
	char		 origin[80];
	char		 host[64];
};

static int
setup(void **state)
{
	struct fix	*f = xcalloc(1, sizeof *f);
	struct diag	 d = DIAG_INIT;
	char		*err = NULL;

	f->catalog = catalog_parse("exercises.yaml", midback_exercises_yaml,
	    midback_exercises_yaml_len, NULL, &d);
	assert_non_null(f->catalog);
	clock_manual(&f->clock, 1772445600000LL);
	f->w.coach.catalog = f->catalog;
	f->w.coach.clock = &f->clock;
	assert_int_equal(coach_open(&f->w.coach, ":memory:", &err), 0);
	assert_non_null(f->w.coach.store);
	f->w.port = 7415;
	f->w.settings_path = xstrdup("/nonexistent/midback/config.yaml");
	assert_int_equal(web_init(&f->w, &err), 0);
	f->w.live = live_new(&f->w, &err);
	assert_non_null(f->w.live);
	snprintf(f->host, sizeof f->host, "127.0.0.1:%d", f->w.port);
	snprintf(f->origin, sizeof f->origin, "http://%s", f->host);
	*state = f;
	return (0);
}

static int
teardown(void **state)
{
	struct fix	*f = *state;

	live_free(f->w.live);
	web_release(&f->w);
	coach_close(&f->w.coach);
	catalog_free(f->catalog);
	free(f->w.settings_path);
	free(f);
	return (0);
}

static int
request(struct fix *f, const char *method, const char *url,
    const char *host, const char *origin, const char *token,
    const char *body, struct web_reply *r)
{
	struct web_req	q;

	memset(&q, 0, sizeof q);
	q.method = method;
	q.url = url;
	q.host = host;
	q.origin = origin;
	q.token = token;
	/* The cookie of the one-time link, as the page has it. */
	q.cookie = f->w.session;
	q.body = body;
	q.len = body != NULL ? strlen(body) : 0;
	web_route(&f->w, &q, r);
	return (r->status);
}

static int
post(struct fix *f, const char *url, const char *body)
{
	struct web_reply	r;
	int			s;

	s = request(f, "POST", url, f->host, f->origin, f->w.token, body, &r);
	web_reply_free(&r);
	return (s);
}

static int
checkins(struct fix *f)
{
	struct store_history	h = STORE_HISTORY_INIT;
	char			*err = NULL;
	int			 n;

	assert_int_equal(coach_history(&f->w.coach, LONG_MIN,
	    LONG_MAX, &h, &err), 0);
	n = (int)h.ncheckins;
	store_history_release(&h);
	return (n);
}

static void
t_rules(void **state)
{
	struct fix		*f = *state;
	struct web_reply	 r;

	/* DNS rebinding: only our own names. */
	assert_int_equal(request(f, "GET", "/", "evil.example:7415", NULL,
	    NULL, NULL, &r), 421);
	web_reply_free(&r);
	assert_int_equal(request(f, "GET", "/", NULL, NULL, NULL, NULL, &r),
	    421);
	web_reply_free(&r);
	assert_int_equal(request(f, "GET", "/", "localhost:7415", NULL,
	    NULL, NULL, &r), 200);
	assert_non_null(strstr(r.body, f->w.token));
	web_reply_free(&r);
	assert_int_equal(request(f, "GET", "/", "[::1]:7415", NULL, NULL,
	    NULL, &r), 200);
	web_reply_free(&r);
	/* CSRF: Origin and token. */
	assert_int_equal(request(f, "POST", "/api/checkin", f->host, NULL,
	    f->w.token, "{\"pain\":1}", &r), 403);
	web_reply_free(&r);
	assert_int_equal(request(f, "POST", "/api/checkin", f->host,
	    "http://evil.example", f->w.token, "{\"pain\":1}", &r), 403);
	web_reply_free(&r);
	assert_int_equal(request(f, "POST", "/api/checkin", f->host,
	    f->origin, "0000", "{\"pain\":1}", &r), 403);
	web_reply_free(&r);
	assert_int_equal(checkins(f), 0);
	/* Bad input: 400, nothing stored. */
	assert_int_equal(post(f, "/api/checkin", "{\"pain\":1"), 400);
	assert_int_equal(post(f, "/api/checkin", "{\"pain\":1,\"x\":2}"),
	    400);
	assert_int_equal(post(f, "/api/checkin", "{\"pain\":-1}"), 400);
	assert_int_equal(post(f, "/api/checkin", "{\"pain\":1,\"note\":"
	    "\"a\\u001bb\"}"), 400);
	assert_int_equal(checkins(f), 0);
	assert_int_equal(post(f, "/api/checkin", "{\"pain\":1}"), 200);
	assert_int_equal(checkins(f), 1);
	/* Only the built-in files. */
	assert_int_equal(request(f, "GET", "/../etc/passwd", f->host, NULL,
	    NULL, NULL, &r), 404);
	web_reply_free(&r);
	assert_int_equal(request(f, "PUT", "/app.js", f->host, NULL, NULL,
	    NULL, &r), 405);
	web_reply_free(&r);
	assert_int_equal(request(f, "GET", "/app.js", f->host, NULL, NULL,
	    NULL, &r), 200);
	assert_string_equal(r.type, "text/javascript; charset=utf-8");
	web_reply_free(&r);
	/* The page's modules, each at its path under web/. */
	assert_int_equal(request(f, "GET", "/pages/player.js", f->host, NULL,
	    NULL, NULL, &r), 200);
	assert_string_equal(r.type, "text/javascript; charset=utf-8");
	assert_non_null(strstr(r.body, "export function pagePlayer"));
	web_reply_free(&r);
	assert_int_equal(request(f, "GET", "/player.js", f->host, NULL, NULL,
	    NULL, &r), 404);
	web_reply_free(&r);
	/* Each exercise's moving figure, under its own narrow policy. */
	assert_int_equal(request(f, "GET", "/api/exercises/open-book/"
	    "figure.svg", f->host, NULL, NULL, NULL, &r), 200);
	assert_string_equal(r.type, "image/svg+xml");
	assert_non_null(strstr(r.body, "@keyframes"));
	assert_non_null(r.csp);
	web_reply_free(&r);
	/* A still of it for a list's thumbnail: one keyframe, light. */
	assert_int_equal(request(f, "GET", "/api/exercises/open-book/"
	    "still.svg", f->host, NULL, NULL, NULL, &r), 200);
	assert_string_equal(r.type, "image/svg+xml");
	assert_null(strstr(r.body, "@keyframes"));
	assert_null(strstr(r.body, "<animate"));
	assert_true(r.len < 12000);
	assert_non_null(r.cache);
	web_reply_free(&r);
	assert_int_equal(request(f, "GET", "/api/exercises/nope/still.svg",
	    f->host, NULL, NULL, NULL, &r), 404);
	web_reply_free(&r);
	assert_int_equal(request(f, "GET", "/api/exercises/nope/figure.svg",
	    f->host, NULL, NULL, NULL, &r), 404);
	web_reply_free(&r);
}

/* A small, fixed pseudo-random sequence: the same run every time. */
static uint64_t	rng = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ((unsigned)(rng % n));
}

static const char *const seeds[][2] = {
	{ "/api/checkin", "{\"pain\":3,\"stiffness\":4,\"note\":\"ok\"}" },
	{ "/api/screen", "{\"answers\":[false,false,false,false,false,false,"
	    "false,false],\"accepted\":true}" },
	{ "/api/session", "{\"minutes\":5,\"place\":\"desk\",\"equipment\":"
	    "\"chair,wall\",\"pain\":2}" },
	{ "/api/session", "{\"routine\":\"name: x\\nexercises:\\n  - id: "
	    "chest-opener\\n    hold_s: 1\\n\"}" },
	{ "/api/session/event", "{\"event\":\"answer\",\"answer\":\"fine\"}" },
	{ "/api/session/event", "{\"event\":\"hurt\"}" },
	{ "/api/session/event", "{\"event\":\"answer\",\"answer\":true}" },
	{ "/api/session/event", "{\"event\":\"skip\"}" },
	{ "/api/session/event", "{\"event\":\"quit\"}" },
	{ "/api/session/pain", "{\"pain\":2}" },
	{ "/api/session/close", "{}" },
	{ "/api/session/resume", "{}" },
	{ "/api/settings", "{\"work_days\":[\"mon\"],\"work_hours\":"
	    "\"09:00-17:00\",\"posture_reset_every\":60,\"wall_angel_every\":"
	    "\"off\",\"daily_session\":\"16:00\",\"snooze\":5}" },
	{ "/api/import", "{\"format\":\"midback-export\",\"version\":2,"
	    "\"sessions\":[],\"checkins\":[]}" },
};

static const char *const gets[] = {
	"/", "/index.html", "/app.js", "/app.css", "/icon.svg", "/nope",
	"/pages/today.js", "/pages/", "/pages//today.js",
	"/api/today", "/api/session", "/api/exercises", "/api/screen",
	"/api/progress", "/api/export", "/api/log", "/api/exercises/open-book",
	"/api/exercises/x/y", "/api/exercises/", "/api/", "/api//today",
};

static void
t_mutate(void **state)
{
	struct fix		*f = *state;
	struct web_reply	 r;
	const char		*methods[] = { "GET", "POST", "HEAD", "PUT",
				    "DELETE", "OPTIONS", "" };
	char			 body[1024], url[128];
	size_t			 len, i, k;
	int			 round, s;

	for (round = 0; round < 4000; round++) {
		const char	*const *seed = seeds[rnd(sizeof seeds /
				    sizeof seeds[0])];
		const char	*method = rnd(4) ? (rnd(2) ? "POST" : "GET") :
				    methods[rnd(7)];

		snprintf(body, sizeof body, "%s", seed[1]);
		len = strlen(body);
		/* Flip, cut, repeat or drop bytes. */
		for (k = rnd(4); k > 0 && len > 0; k--) {
			i = rnd((unsigned)len);
			switch (rnd(4)) {
			case 0:
				body[i] = (char)(rnd(255) + 1);
				break;
			case 1:
				body[i] = '\0';
				len = i;
				break;
			case 2:
				if (len * 2 < sizeof body) {
					memcpy(body + len, body, len);
					len *= 2;
					body[len] = '\0';
				}
				break;
			default:
				memmove(body + i, body + i + 1, len - i);
				len--;
			}
		}
		if (strcmp(method, "POST") == 0)
			snprintf(url, sizeof url, "%s", seed[0]);
		else
			snprintf(url, sizeof url, "%s", gets[rnd(sizeof gets /
			    sizeof gets[0])]);
		if (rnd(8) == 0 && strlen(url) > 1)
			url[rnd((unsigned)strlen(url) - 1) + 1] =
			    (char)(rnd(94) + 33);
		s = request(f, method, url, rnd(16) ? f->host : "127.0.0.1:1",
		    rnd(16) ? f->origin : "null", rnd(16) ? f->w.token :
		    "x", rnd(8) ? body : NULL, &r);
		assert_true(s == 200 || s == 400 || s == 403 || s == 404 ||
		    s == 405 || s == 409 || s == 413 || s == 421 || s == 422);
		assert_true(r.body != NULL || r.stream || s == 200);
		/* What the page, a script or this loop sees: always JSON. */
		if (s != 200)
			assert_int_equal(r.body[0], '{');
		web_reply_free(&r);
		/* Time moves, so sessions tick on. */
		clock_advance(&f->clock, rnd(20000));
	}
	(void)post(f, "/api/session/event", "{\"event\":\"quit\"}");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(t_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(t_mutate, setup, teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
