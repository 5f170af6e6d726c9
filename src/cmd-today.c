/*
 * cmd-today.c -- show the day's routine.
 *
 * The routine depends only on the date and the options, so running this
 * again, or `midback start` later, gives the same exercises and doses.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cmd.h"
#include "output.h"
#include "core/date.h"
#include "core/dose.h"
#include "core/plan.h"

static enum cmd_retval	cmd_today_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_today_entry = {
	.name = "today",
	.usage = "[--minutes N] [--place desk|floor|any] [--equipment LIST] "
	    "[--date YYYY-MM-DD] [--json]",
	.summary = "show today's routine (the default command)",
	.help =
	    "Options:\n"
	    "  --minutes N        time to spend, 3 to 60 (default 12)\n"
	    "  --place P          desk: seated or standing at a desk, nothing on\n"
	    "                     the floor; floor: on a mat; any: both (default)\n"
	    "  --equipment LIST   what is at hand, comma-separated, from chair,\n"
	    "                     wall, doorway, band, dumbbell; or none\n"
	    "                     (default chair,wall,doorway)\n"
	    "  --date YYYY-MM-DD  plan another day (default today)\n"
	    "  --json             print the routine as JSON\n"
	    "  -h, --help         show this help\n",
	.flags = CMD_NEEDS_CATALOG,
	.exec = cmd_today_exec
};

static const struct option today_options[] = {
	{ "minutes", required_argument, NULL, 'm' },
	{ "place", required_argument, NULL, 'p' },
	{ "equipment", required_argument, NULL, 'e' },
	{ "date", required_argument, NULL, 'd' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static json_t *
plan_json(const struct plan *p, const struct plan_opts *o)
{
	json_t	*j, *items, *it;
	char	 date[DATE_BUFSZ];
	size_t	 i;

	date_format(o->day, date);
	items = json_array();
	for (i = 0; i < p->n; i++) {
		const struct plan_item *pi = &p->items[i];

		it = json_object();
		json_object_set_new(it, "id", json_string(pi->ex->id));
		json_object_set_new(it, "name", json_string(pi->ex->name));
		json_object_set_new(it, "stage", json_integer(pi->ex->stage));
		json_object_set_new(it, "sets", json_integer(pi->rx.sets));
		json_object_set_new(it, "reps", json_integer(pi->rx.reps));
		json_object_set_new(it, "hold_s", json_integer(pi->rx.hold_s));
		json_object_set_new(it, "breaths",
		    json_integer(pi->rx.breaths));
		json_object_set_new(it, "per_side",
		    json_boolean(pi->rx.per_side));
		json_object_set_new(it, "duration_s",
		    json_integer(pi->duration_s));
		json_array_append_new(items, it);
	}
	j = json_object();
	json_object_set_new(j, "date", json_string(date));
	json_object_set_new(j, "minutes", json_integer(o->minutes));
	json_object_set_new(j, "total_s", json_integer(p->total_s));
	json_object_set_new(j, "items", items);
	return (j);
}

static void
plan_text(const struct plan *p, const struct plan_opts *o)
{
	const struct plan_item	*it;
	char			 clock[16], words[128];
	int			 y, m, d, stage = -1;
	size_t			 i;

	date_to_civil(o->day, &y, &m, &d);
	printf("Your routine for %s %d %s %d: %d minutes\n",
	    date_weekday_name(o->day), d, date_month_name(m), y, o->minutes);
	for (i = 0; i < p->n; i++) {
		it = &p->items[i];
		if (it->ex->stage != stage) {
			stage = it->ex->stage;
			printf("\n%c%s\n", output_stage_name(stage)[0] - 'a' + 'A',
			    output_stage_name(stage) + 1);
		}
		output_clock(it->duration_s, clock, sizeof clock);
		dose_describe_rx(&it->rx, words, sizeof words);
		printf("  %2zu. %-60s %6s\n", i + 1, it->ex->name, clock);
		printf("      %s  [%s]\n", words, it->ex->id);
	}
	output_clock(p->total_s, clock, sizeof clock);
	printf("\n  %-64s %6s\n\n", "Total", clock);
	printf("How to do one: midback show ID. Stop anything that gives sharp "
	    "pain,\ntingling, burning or numbness; a stretch or mild ache is "
	    "fine.\n");
}

static enum cmd_retval
cmd_today_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry	*e = ctx->entry;
	struct plan_opts	 o;
	struct plan		 p = PLAN_INIT;
	json_t			*j;
	long			 v;
	int			 c, json = 0, place, have_date = 0;

	memset(&o, 0, sizeof o);
	o.minutes = PLAN_MINUTES_DEFAULT;
	o.place = PLAN_ANYWHERE;
	o.equipment = EQUIP_CHAIR | EQUIP_WALL | EQUIP_DOORWAY;
	optind = 0;
	while ((c = cmd_getopt(e, argc, argv, ":h", today_options)) != -1) {
		switch (c) {
		case 'm':
			if (cmd_number(e, "minutes", optarg, PLAN_MINUTES_MIN,
			    PLAN_MINUTES_MAX, &v) == -1)
				return (cmd_usage(e));
			o.minutes = (int)v;
			break;
		case 'p':
			if (cmd_parse_place(e, optarg, &place) == -1)
				return (cmd_usage(e));
			o.place = (enum plan_place)place;
			break;
		case 'e':
			if (cmd_parse_equipment(e, optarg, &o.equipment) == -1)
				return (cmd_usage(e));
			break;
		case 'd':
			switch (date_parse(optarg, &o.day)) {
			case -1:
				cmd_warn(e, "invalid date '%s' (expected "
				    "YYYY-MM-DD)", optarg);
				return (cmd_usage(e));
			case -2:
				cmd_warn(e, "no such date '%s' (from 1900 on)",
				    optarg);
				return (cmd_usage(e));
			}
			have_date = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			return (cmd_help(e));
		default:
			return (cmd_usage(e));
		}
	}
	if (optind < argc) {
		cmd_warn(e, "unexpected argument '%s'", argv[optind]);
		return (cmd_usage(e));
	}
	if (!have_date)
		o.day = cmd_today();

	plan_make(ctx->catalog, &o, &p);
	if (p.n == 0) {
		cmd_warn(e, "no exercise fits this place and equipment");
		plan_release(&p);
		return (CMD_ERROR);
	}
	if (json) {
		j = plan_json(&p, &o);
		output_json(j);
		json_decref(j);
	} else
		plan_text(&p, &o);
	plan_release(&p);
	return (CMD_OK);
}
