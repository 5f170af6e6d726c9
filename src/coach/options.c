/*
 * options.c -- the plan options every front end takes (`today --minutes
 * 15`, the page's form, POST /api/session), with their one set of
 * defaults and limits. See coach.h. The page reads the limits from
 * doc_limits_json(), never from a copy of its own.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "coach/coach.h"
#include "core/date.h"
#include "core/names.h"
#include "core/xmalloc.h"
#include "sys/clock.h"

void
coach_plan_defaults(const struct coach *c, struct plan_opts *o)
{
	memset(o, 0, sizeof *o);
	o->minutes = PLAN_MINUTES_DEFAULT;
	o->place = PLAN_ANYWHERE;
	o->equipment = COACH_EQUIP_DEFAULT;
	o->day = clock_today(c->clock);
}

int
coach_plan_minutes(long long v, const char *text, struct plan_opts *o,
    char **err)
{
	if (v < PLAN_MINUTES_MIN || v > PLAN_MINUTES_MAX) {
		if (text != NULL)
			*err = xasprintf("invalid minutes '%s' (expected %d to "
			    "%d)", text, PLAN_MINUTES_MIN, PLAN_MINUTES_MAX);
		else
			*err = xasprintf("invalid minutes '%lld' (expected %d "
			    "to %d)", v, PLAN_MINUTES_MIN, PLAN_MINUTES_MAX);
		return (-1);
	}
	o->minutes = (int)v;
	return (0);
}

int
coach_parse_equipment(const char *s, unsigned *out, char **err)
{
	char	*copy, *item, *save = NULL;
	int	 bit, ret = 0, none = 0, any = 0;

	*out = 0;
	copy = xstrdup(s);
	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		if ((bit = catalog_equip_parse(item)) == -1) {
			*err = xasprintf("unknown equipment '%s' (expected "
			    "none, chair, wall, doorway, band or dumbbell)",
			    item);
			ret = -1;
			break;
		}
		if (bit == 0)
			none = 1;
		else
			any = 1;
		*out |= (unsigned)bit;
	}
	if (ret == 0 && none && any) {
		*err = xstrdup("equipment 'none' cannot be combined with "
		    "other items");
		ret = -1;
	}
	if (ret == 0 && !none && !any) {
		*err = xstrdup("empty equipment list (use 'none' for "
		    "nothing)");
		ret = -1;
	}
	free(copy);
	return (ret);
}

int
coach_plan_option(enum coach_plan_key k, const char *v, struct plan_opts *o,
    char **err)
{
	char		*end;
	long long	 n;
	int		 place;

	switch (k) {
	case COACH_OPT_MINUTES:
		errno = 0;
		n = strtoll(v, &end, 10);
		if (*v == '\0' || *end != '\0' || errno != 0)
			n = LLONG_MAX;
		return (coach_plan_minutes(n, v, o, err));
	case COACH_OPT_PLACE:
		if ((place = name_find(&plan_places, v)) == -1) {
			*err = xasprintf("unknown place '%s' (expected desk, "
			    "floor or any)", v);
			return (-1);
		}
		o->place = (enum plan_place)place;
		return (0);
	case COACH_OPT_EQUIPMENT:
		return (coach_parse_equipment(v, &o->equipment, err));
	case COACH_OPT_DATE:
		switch (date_parse(v, &o->day)) {
		case -1:
			*err = xasprintf("invalid date '%s' (expected "
			    "YYYY-MM-DD)", v);
			return (-1);
		case -2:
			*err = xasprintf("no such date '%s' (from 1900 on)", v);
			return (-1);
		}
		return (0);
	}
	*err = xstrdup("unknown plan option");
	return (-1);
}
