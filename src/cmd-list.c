/*
 * cmd-list.c -- list the catalog's exercises, optionally filtered.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd.h"
#include "output.h"
#include "core/plan.h"

static enum cmd_retval	cmd_list_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.usage = "[--motion M] [--kind K] [--place P] [--equipment LIST] "
	    "[--stage N] [--json]",
	.summary = "list the exercises in the catalog",
	.help =
	    "Options:\n"
	    "  --motion M         extension, flexion, side-bend or rotation\n"
	    "  --kind K           breathing, mobility, stretch, strength or posture\n"
	    "  --place P          desk, floor or any: where you are\n"
	    "  --equipment LIST   what is at hand (comma-separated: chair, wall,\n"
	    "                     doorway, band, dumbbell; or none): lists only\n"
	    "                     exercises that need nothing more\n"
	    "  --stage N          0 breathing, 1 extension, 2 ribcage and shoulder\n"
	    "                     blades, 3 rotation and side-bending strength\n"
	    "  --json             print every field of each exercise as JSON\n"
	    "  -h, --help         show this help\n",
	.flags = CMD_NEEDS_CATALOG,
	.exec_argv = cmd_list_exec
};

static const struct option list_options[] = {
	{ "motion", required_argument, NULL, 'm' },
	{ "kind", required_argument, NULL, 'k' },
	{ "place", required_argument, NULL, 'p' },
	{ "equipment", required_argument, NULL, 'e' },
	{ "stage", required_argument, NULL, 's' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static enum cmd_retval
cmd_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry	*e = ctx->entry;
	const struct exercise	*x;
	struct plan_opts	 o;
	json_t			*a = NULL;
	char			 lo_s[16], hi_s[16], range[40];
	long			 stage = -1;
	size_t			 i, shown = 0;
	int			 c, json = 0, motion = 0, kind = -1, place;
	int			 lo, hi;

	memset(&o, 0, sizeof o);
	o.place = PLAN_ANYWHERE;
	o.equipment = ~0U;
	optind = 0;
	while ((c = cmd_getopt(e, argc, argv, ":h", list_options)) != -1) {
		switch (c) {
		case 'm':
			if ((motion = catalog_motion_parse(optarg)) == -1) {
				cmd_warn(e, "unknown motion '%s' (expected "
				    "extension, flexion, side-bend or "
				    "rotation)", optarg);
				return (cmd_usage(e));
			}
			break;
		case 'k':
			if ((kind = catalog_kind_parse(optarg)) == -1) {
				cmd_warn(e, "unknown kind '%s' (expected "
				    "breathing, mobility, stretch, strength "
				    "or posture)", optarg);
				return (cmd_usage(e));
			}
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
		case 's':
			if (cmd_number(e, "stage", optarg, 0, STAGE_MAX,
			    &stage) == -1)
				return (cmd_usage(e));
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
	if (cmd_no_args(e, argc, argv) != 0)
		return (cmd_usage(e));

	if (json)
		a = json_array();
	else
		printf("%-24s %-9s %-5s %-11s %s\n", "ID", "KIND", "STAGE",
		    "TIME", "NAME");
	for (i = 0; i < ctx->catalog->n; i++) {
		x = &ctx->catalog->ex[i];
		if (motion != 0 && !(x->motions & (unsigned)motion))
			continue;
		if (kind != -1 && x->kind != (enum ex_kind)kind)
			continue;
		if (stage != -1 && x->stage != stage)
			continue;
		if (!plan_fits(x, &o))
			continue;
		shown++;
		if (json) {
			json_array_append_new(a, output_exercise_json(x));
			continue;
		}
		output_time_range(x, &lo, &hi);
		output_clock(lo, lo_s, sizeof lo_s);
		output_clock(hi, hi_s, sizeof hi_s);
		if (lo == hi)
			snprintf(range, sizeof range, "%s", lo_s);
		else
			snprintf(range, sizeof range, "%s-%s", lo_s, hi_s);
		printf("%-24s %-9s %-5d %-11s %s\n", x->id,
		    catalog_kind_name(x->kind), x->stage, range, x->name);
	}
	if (json) {
		output_json(a);
		json_decref(a);
	} else if (shown == 0)
		printf("(no exercise matches)\n");
	return (CMD_OK);
}
