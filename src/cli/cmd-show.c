/*
 * cmd-show.c -- explain one exercise: why, how, how much, and what to do
 * instead when it does not agree with you.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "coach/doc.h"
#include "cli/cmd.h"
#include "commands.h"
#include "cli/output.h"
#include "core/dose.h"
#include "core/figsvg.h"
#include "core/xmalloc.h"
#include "sys/fileio.h"

static enum cmd_retval	show_svg(const struct cmd_entry *, const struct exercise *,
		    const struct cmd_args *);

static void
print_list(const char *title, const struct strlist *l, int numbered)
{
	size_t	i;

	if (l->n == 0)
		return;
	printf("\n%s\n", title);
	for (i = 0; i < l->n; i++) {
		if (numbered)
			printf("  %zu. %s\n", i + 1, l->v[i]);
		else
			printf("  - %s\n", l->v[i]);
	}
}

static void
print_joined(const char *label, const struct strlist *l)
{
	size_t	i;

	printf("%-11s", label);
	for (i = 0; i < l->n; i++)
		printf("%s%s", i ? ", " : "", l->v[i]);
	printf("\n");
}

/* The conditions (LIMIT_* bits) in words, as the red-flag screen asks. */
static const char *const limit_words[LIMIT_COUNT] = {
	"osteoporosis", "a shoulder that has dislocated",
	"kneeling that hurts", "late pregnancy"
};
static const struct names limits_in_words = NAMES(limit_words);

/* The sources, one a line. */
static void
print_sources(const struct strlist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		printf("%-11s%s\n", i == 0 ? "Source:" : "",
		    doc_source_words(l->v[i]));
}

/*
 * Each keyframe's size in `show`: as wide as the terminal lets the
 * keyframes side by side be (four fit in 80 columns at the least), at
 * most SHOW_FIG_COLS_MAX; a cell is about twice as tall as wide, and a
 * figure's frame about as tall as wide, so rows are a little under half
 * the columns.
 */
#define SHOW_FIG_COLS_MIN	16
#define SHOW_FIG_COLS_MAX	40

static void
show_figure(const struct exercise *x)
{
	int	n = x->figure->npose, cols, rows;

	cols = (output_width() - 2) / n - 2;
	if (cols < SHOW_FIG_COLS_MIN)
		cols = SHOW_FIG_COLS_MIN;
	if (cols > SHOW_FIG_COLS_MAX)
		cols = SHOW_FIG_COLS_MAX;
	rows = (cols * 9 + 11) / 22;
	output_figure(stdout, x, cols, rows, output_colour());
}

static void
show_text(const struct catalog *c, const struct exercise *x, int figure)
{
	const struct exercise	*r;
	char			 words[128], lo_s[16], hi_s[16], *s;
	int			 lo, hi;

	printf("%s (%s)\n%s\n\n", x->name, x->id, x->why);
	print_joined("Suits:", &x->suits);
	printf("%-11s%s, stage %d (%s)\n", "Kind:",
	    name_of(&catalog_kinds, x->kind),
	    x->stage, doc_stage_name(x->stage));
	s = output_bits(x->motions, &catalog_motions);
	printf("%-11s%s\n", "Motions:", x->motions ? s :
	    x->kind == KIND_BREATHING ? "breathing only" :
	    "none of the spine's (it works the shoulders)");
	free(s);
	print_joined("Targets:", &x->targets);
	printf("%-11s%s\n", "Position:", x->position);
	s = output_bits(x->places, &catalog_places);
	printf("%-11s%s\n", "Where:", s);
	free(s);
	s = output_bits(x->equipment, &catalog_equips);
	printf("%-11s%s\n", "Needs:", x->equipment ? s : "nothing");
	free(s);
	dose_describe(&x->dose, words, sizeof words);
	printf("%-11s%s", "Dose:", words);
	if (x->dose.frequency_min != 0) {
		if (x->dose.frequency_min == 60)
			printf("; every hour through the day");
		else if (x->dose.frequency_min % 60 == 0)
			printf("; every %d hours through the day",
			    x->dose.frequency_min / 60);
		else
			printf("; every %d minutes through the day",
			    x->dose.frequency_min);
	}
	printf("\n");
	doc_time_range(x, &lo, &hi);
	output_clock(lo, lo_s, sizeof lo_s);
	output_clock(hi, hi_s, sizeof hi_s);
	if (lo == hi)
		printf("%-11sabout %s\n", "Time:", lo_s);
	else
		printf("%-11sabout %s to %s\n", "Time:", lo_s, hi_s);
	if (x->feel != NULL)
		printf("%-11s%s\n", "Feel it:", x->feel);
	if (figure && x->figure != NULL && output_utf8()) {
		printf("\n");
		show_figure(x);
	}
	print_list("Steps", &x->steps, 1);
	print_list("Cues", &x->cues, 0);
	print_list("Take care", &x->cautions, 0);
	if (x->not_for != 0) {
		s = output_bits(x->not_for, &limits_in_words);
		printf("\n%-11s%s\n", "Not with:", s);
		free(s);
	}
	if (x->harder != NULL && (r = catalog_find(c, x->harder)) != NULL)
		printf("\nHarder option: %s (%s), once the program unlocks "
		    "it\n", r->name, x->harder);
	if (x->regression != NULL) {
		r = catalog_find(c, x->regression);
		printf("\nEasier option: %s (%s)\n",
		    r != NULL ? r->name : "?", x->regression);
		printf("Stop and use the easier option if you feel sharp "
		    "pain, tingling,\nburning or numbness. A stretch or mild "
		    "discomfort is normal.\n");
	} else
		printf("\nThis is the easiest of its kind: make it smaller, "
		    "or rest.\nStop if you feel sharp pain, tingling, burning "
		    "or numbness.\nA stretch or mild discomfort is normal.\n");
	printf("\n");
	print_sources(&x->source);
}

enum cmd_retval
cmd_show_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	const struct exercise	*x;
	const char		*guess;
	json_t			*j;
	int			 json = cmd_has(args, 'j');

	if (args->argc != 1) {
		if (args->argc == 0)
			cmd_warn(e, "which exercise? (see 'midback list')");
		else
			cmd_warn(e, "one exercise at a time");
		return (cmd_usage(e));
	}
	if ((x = catalog_find(ctx->catalog, args->argv[0])) == NULL) {
		guess = catalog_suggest(ctx->catalog, args->argv[0]);
		if (guess != NULL)
			cmd_warn(e, "unknown exercise '%s' (did you mean "
			    "'%s'?)", args->argv[0], guess);
		else
			cmd_warn(e, "unknown exercise '%s' (see 'midback "
			    "list')", args->argv[0]);
		return (CMD_ERROR);
	}
	if (cmd_has(args, 's') && json) {
		cmd_warn(e, "--json and --svg do not go together");
		return (cmd_usage(e));
	}
	if (!cmd_has(args, 's') && (cmd_has(args, 'o') || cmd_has(args, 'P'))) {
		cmd_warn(e, "--%s is for --svg", cmd_has(args, 'o') ? "output" :
		    "pose");
		return (cmd_usage(e));
	}
	if (cmd_has(args, 's'))
		return (show_svg(e, x, args));
	if (json) {
		j = doc_exercise_json(x);
		output_json(j);
		json_decref(j);
	} else
		show_text(ctx->catalog, x, !cmd_has(args, 'n'));
	return (CMD_OK);
}

static enum cmd_retval
show_svg(const struct cmd_entry *e, const struct exercise *x,
    const struct cmd_args *args)
{
	struct figsvg_opts	 o = FIGSVG_OPTS_INIT;
	struct file_output	 out;
	const char		*path = cmd_get(args, 'o');
	char			*svg, *err = NULL;
	long			 pose;
	size_t			 len;
	int			 ok;

	if (x->figure == NULL) {
		cmd_warn(e, "'%s' has no figure", x->id);
		return (CMD_ERROR);
	}
	if (cmd_has(args, 'P')) {
		if (cmd_number(e, "pose", cmd_get(args, 'P'), 1,
		    x->figure->npose, &pose) == -1)
			return (CMD_USAGE);
		o.pose = (int)pose - 1;
	}
	o.both_sides = x->dose.per_side;
	svg = figure_svg(x, &o);
	len = strlen(svg);
	if (path == NULL) {
		ok = fwrite(svg, 1, len, stdout) == len && fflush(stdout) == 0;
		free(svg);
		if (!ok) {
			cmd_warn(e, "cannot write the picture");
			return (CMD_ERROR);
		}
		return (CMD_OK);
	}
	if (file_output_open(&out, path, 0644, &err) != 0) {
		cmd_warn(e, "%s", err);
		free(err);
		free(svg);
		return (CMD_ERROR);
	}
	ok = fwrite(svg, 1, len, out.f) == len;
	free(svg);
	if (file_output_close(&out, ok, &err) != 0 || !ok) {
		cmd_warn(e, "%s", err != NULL ? err : "cannot write the picture");
		free(err);
		return (CMD_ERROR);
	}
	return (CMD_OK);
}
