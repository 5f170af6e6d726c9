/*
 * device.c -- the phones paired with `serve --lan`: the name each gets,
 * from its browser's User-Agent and the time ("Pixel 8, paired 5 Dec
 * 10:02"), and forgetting one by that name or the start of it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "coach/coach.h"
#include "core/xmalloc.h"
#include "store/store.h"
#include "sys/clock.h"

#define MODEL_MAX	40

/* The device's model from its User-Agent, as a person would call it. */
void
coach_device_model(const char *ua, char *buf, size_t len)
{
	const char	*p, *seg, *end;
	size_t		 n, i, o;

	snprintf(buf, len, "A browser");
	if (ua == NULL)
		return;
	if (strstr(ua, "iPhone") != NULL) {
		snprintf(buf, len, "iPhone");
		return;
	}
	if (strstr(ua, "iPad") != NULL) {
		snprintf(buf, len, "iPad");
		return;
	}
	if ((p = strstr(ua, "Android")) == NULL) {
		if (strstr(ua, "Mobile") != NULL)
			snprintf(buf, len, "A phone");
		return;
	}
	snprintf(buf, len, "An Android phone");
	/* "(Linux; Android 14; Pixel 8 Build/...)": the part after. */
	if ((seg = strchr(p, ';')) == NULL || (end = strchr(p, ')')) == NULL ||
	    seg > end)
		return;
	seg++;
	while (*seg == ' ')
		seg++;
	n = (size_t)(end - seg);
	if ((p = memchr(seg, ';', n)) != NULL)
		n = (size_t)(p - seg);
	if ((p = strstr(seg, " Build/")) != NULL && p < seg + n)
		n = (size_t)(p - seg);
	/* Chrome's reduced User-Agent says "K" for every model. */
	if (n < 2 || n > MODEL_MAX)
		return;
	for (i = o = 0; i < n && o + 1 < len; i++)
		if (isprint((unsigned char)seg[i]) && seg[i] != '"' &&
		    seg[i] != '<' && seg[i] != '>' && seg[i] != '&')
			buf[o++] = seg[i];
	buf[o] = '\0';
	if (o == 0)
		snprintf(buf, len, "An Android phone");
}

/* "5 Dec 10:02", local time at ms. */
static void
device_when(int64_t ms, int tz_min, char *buf, size_t len)
{
	time_t		t = (time_t)((ms + (int64_t)tz_min * 60000) / 1000);
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%e %b %H:%M", &tm);
	if (buf[0] == ' ')
		memmove(buf, buf + 1, strlen(buf));
}

int
coach_device_pair(struct coach *c, const char *ua, const char *secret,
    char **name, char **err)
{
	char	model[MODEL_MAX + 8], when[32], *found;
	int64_t	now = clock_wall_ms(c->clock);
	int	tz = clock_tz_min(c->clock, now), i, rc;

	*name = NULL;
	if (c->store == NULL) {
		*err = xstrdup("no store to keep the device in");
		return (-1);
	}
	coach_device_model(ua, model, sizeof model);
	device_when(now, tz, when, sizeof when);
	/* Two paired in the same minute are told apart by a number. */
	for (i = 1; i < 100; i++) {
		*name = i == 1 ? xasprintf("%s, paired %s", model, when) :
		    xasprintf("%s (%d), paired %s", model, i, when);
		if ((rc = coach_device_taken(c, *name, &found, err)) < 0)
			break;
		free(found);
		if (rc == 1)
			return (store_device_add(c->store, *name, secret, now,
			    tz, err));
		free(*name);
		*name = NULL;
	}
	free(*name);
	*name = NULL;
	if (*err == NULL)
		*err = xstrdup("too many devices paired this minute");
	return (-1);
}

int
coach_device_find(struct coach *c, const char *secret, char **name,
    char **err)
{
	*name = NULL;
	if (c->store == NULL)
		return (1);
	return (store_device_find(c->store, secret, name, err));
}

int
coach_devices(struct coach *c, char ***names, size_t *n, char **err)
{
	struct store_device	*v;
	size_t			 i;

	*names = NULL;
	*n = 0;
	if (c->store == NULL)
		return (0);
	if (store_devices(c->store, &v, n, err) != 0)
		return (-1);
	*names = xreallocarray(NULL, *n + 1, sizeof **names);
	for (i = 0; i < *n; i++) {
		(*names)[i] = v[i].name;
		v[i].name = NULL;
	}
	(*names)[*n] = NULL;
	store_devices_free(v, *n);
	return (0);
}

/*
 * Whether name is a paired device's whole name (0, *found set to it),
 * or the start of exactly one's ("Pixel 8"; 0), or neither (1). Two
 * starting so is an error.
 */
int
coach_device_taken(struct coach *c, const char *name, char **found,
    char **err)
{
	char	**v;
	size_t	  n, i, len = strlen(name), hits = 0;
	int	  ret = 1;

	*found = NULL;
	if (coach_devices(c, &v, &n, err) != 0)
		return (-1);
	for (i = 0; i < n && ret != 0; i++)
		if (strcmp(v[i], name) == 0) {
			free(*found);
			*found = xstrdup(v[i]);
			ret = 0;
		}
	for (i = 0; i < n && ret != 0; i++)
		if (strncmp(v[i], name, len) == 0 && (v[i][len] == ',' ||
		    v[i][len] == ' ')) {
			hits++;
			free(*found);
			*found = xstrdup(v[i]);
		}
	if (ret != 0 && hits == 1)
		ret = 0;
	else if (ret != 0 && hits > 1) {
		free(*found);
		*found = NULL;
		*err = xasprintf("'%s' names %zu devices: give the whole name, "
		    "as serve --devices lists it", name, hits);
		ret = -1;
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return (ret);
}

int
coach_device_forget(struct coach *c, const char *name, char **forgotten,
    char **err)
{
	int	gone, rc;

	*forgotten = NULL;
	if ((rc = coach_device_taken(c, name, forgotten, err)) != 0)
		return (rc);
	if (store_device_forget(c->store, *forgotten, &gone, err) != 0) {
		free(*forgotten);
		*forgotten = NULL;
		return (-1);
	}
	return (gone ? 0 : 1);
}
