/*
 * plancodec.c -- the stored plan, both directions. See plancodec.h.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "coach/plancodec.h"
#include "core/date.h"
#include "core/dose.h"
#include "core/xmalloc.h"

/*
 * The most of each count a stored plan may hold. A routine file may
 * prescribe outside the catalog's ranges (routine.c allows up to 600), so
 * these are bounds of sense, not of the catalog: they keep an imported
 * plan from playing for days or overflowing dose_duration_s().
 */
#define CODEC_MAX_SETS		20
#define CODEC_MAX_COUNT		600
#define CODEC_MAX_TEMPO_S	60

char *
plancodec_encode(const struct plan *p, long day, int minutes,
    const char *routine)
{
	json_t	*j, *items;
	char	 date[DATE_BUFSZ], *s;
	size_t	 i;

	date_format(day, date);
	items = json_array();
	for (i = 0; i < p->n; i++) {
		const struct plan_item *pi = &p->items[i];

		json_t *it = json_pack(
		    "{s:s,s:i,s:i,s:i,s:i,s:b,s:i}",
		    "id", pi->ex->id,
		    "sets", pi->rx.sets,
		    "reps", pi->rx.reps,
		    "hold_s", pi->rx.hold_s,
		    "breaths", pi->rx.breaths,
		    "per_side", pi->rx.per_side,
		    "tempo_s", pi->rx.tempo_s);

		/* A change of position before it, only when there is one. */
		if (pi->rx.change != CHANGE_NONE)
			json_object_set_new(it, "change",
			    json_integer(pi->rx.change));
		json_array_append_new(items, it);
	}
	j = json_pack("{s:i,s:s,s:i}", "v", PLANCODEC_VERSION, "date", date,
	    "minutes", minutes);
	/* A name that is not UTF-8 is left out rather than losing the plan. */
	if (routine != NULL)
		json_object_set_new(j, "routine", json_string(routine));
	json_object_set_new(j, "items", items);
	s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	/* Every member is valid (ids are checked kebab-case): memory only. */
	if (s == NULL)
		abort();
	return (s);
}

/* An integer member clamped to [lo, hi]; absent or not a number gives lo. */
static int
clamped(json_t *o, const char *key, int lo, int hi)
{
	json_t		*v = json_object_get(o, key);
	json_int_t	 n;

	if (!json_is_integer(v))
		return (lo);
	n = json_integer_value(v);
	return (n < lo ? lo : n > hi ? hi : (int)n);
}

int
plancodec_decode(const struct catalog *c, const char *text, struct plan *p,
    char **err)
{
	json_t		*j, *items, *it, *v;
	const char	*id;
	size_t		 i;
	int		 version = 0;

	memset(p, 0, sizeof *p);
	if ((j = json_loads(text, 0, NULL)) == NULL || !json_is_object(j) ||
	    !json_is_array(items = json_object_get(j, "items"))) {
		json_decref(j);
		*err = xstrdup("the stored plan is not a plan");
		return (-1);
	}
	/* Checked before it is narrowed: 4294967296 is not version 0. */
	if ((v = json_object_get(j, "v")) != NULL && (!json_is_integer(v) ||
	    json_integer_value(v) < 0 ||
	    json_integer_value(v) > PLANCODEC_VERSION)) {
		*err = json_is_integer(v) ? xasprintf("the stored plan has "
		    "format version %" JSON_INTEGER_FORMAT "; this midback "
		    "reads up to %d", json_integer_value(v),
		    PLANCODEC_VERSION) : xstrdup("the stored plan's format "
		    "version is not a number");
		json_decref(j);
		return (-1);
	}
	if (v != NULL)
		version = (int)json_integer_value(v);
	p->items = xcalloc(json_array_size(items) + 1, sizeof *p->items);
	json_array_foreach(items, i, it) {
		struct plan_item *pi = &p->items[p->n];

		if ((id = json_string_value(json_object_get(it, "id"))) ==
		    NULL || (pi->ex = catalog_find(c, id)) == NULL)
			continue;	/* removed since: leave it out */
		pi->rx.sets = clamped(it, "sets", 1, CODEC_MAX_SETS);
		pi->rx.reps = clamped(it, "reps", 0, CODEC_MAX_COUNT);
		pi->rx.hold_s = clamped(it, "hold_s", 0, CODEC_MAX_COUNT);
		pi->rx.breaths = clamped(it, "breaths", 0, CODEC_MAX_COUNT);
		pi->rx.per_side = json_is_true(json_object_get(it,
		    "per_side"));
		pi->rx.change = clamped(it, "change", CHANGE_NONE, CHANGE_UP);
		pi->rx.tempo_s = version >= 1 ? clamped(it, "tempo_s", 0,
		    CODEC_MAX_TEMPO_S) : pi->ex->dose.tempo_s;
		/* Nothing to do at all is one breath, not an endless loop. */
		if (pi->rx.reps == 0 && pi->rx.hold_s == 0 &&
		    pi->rx.breaths == 0)
			pi->rx.breaths = 1;
		pi->duration_s = dose_duration_s(&pi->rx);
		p->total_s += pi->duration_s;
		p->n++;
	}
	json_decref(j);
	return (0);
}
