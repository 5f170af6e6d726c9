/*
 * cmd-list.c -- list the catalog's exercises, optionally filtered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "coach/doc.h"
#include "cli/cmd.h"
#include "commands.h"
#include "cli/output.h"
#include "core/plan.h"

enum cmd_retval
cmd_list_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	const struct exercise	*x;
	struct plan_opts	 o;
	json_t			*a = NULL;
	char			 lo_s[16], hi_s[16], range[40];
	long			 stage = -1;
	size_t			 i, shown = 0;
	const char		*v;
	int			 json, motion = 0, kind = -1, place;
	int			 lo, hi;

	memset(&o, 0, sizeof o);
	o.place = PLAN_ANYWHERE;
	o.equipment = ~0U;
	if ((v = cmd_get(args, 'm')) != NULL &&
	    (motion = name_find_bit(&catalog_motions, v)) == -1) {
		cmd_warn(e, "unknown motion '%s' (expected extension, flexion, "
		    "side-bend or rotation)", v);
		return (cmd_usage(e));
	}
	if ((v = cmd_get(args, 'k')) != NULL &&
	    (kind = name_find(&catalog_kinds, v)) == -1) {
		cmd_warn(e, "unknown kind '%s' (expected breathing, mobility, "
		    "stretch, strength or posture)", v);
		return (cmd_usage(e));
	}
	if ((v = cmd_get(args, 'p')) != NULL) {
		if (cmd_parse_place(e, v, &place) == -1)
			return (cmd_usage(e));
		o.place = (enum plan_place)place;
	}
	if ((v = cmd_get(args, 'e')) != NULL &&
	    cmd_parse_equipment(e, v, &o.equipment) == -1)
		return (cmd_usage(e));
	if ((v = cmd_get(args, 's')) != NULL &&
	    cmd_number(e, "stage", v, 0, STAGE_MAX, &stage) == -1)
		return (cmd_usage(e));
	json = cmd_has(args, 'j');

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
			json_array_append_new(a, doc_exercise_json(x));
			continue;
		}
		doc_time_range(x, &lo, &hi);
		output_clock(lo, lo_s, sizeof lo_s);
		output_clock(hi, hi_s, sizeof hi_s);
		if (lo == hi)
			snprintf(range, sizeof range, "%s", lo_s);
		else
			snprintf(range, sizeof range, "%s-%s", lo_s, hi_s);
		printf("%-24s %-9s %-5d %-11s %s\n", x->id,
		    name_of(&catalog_kinds, x->kind), x->stage, range, x->name);
	}
	if (json) {
		output_json(a);
		json_decref(a);
	} else if (shown == 0)
		printf("(no exercise matches)\n");
	return (CMD_OK);
}
