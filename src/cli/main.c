/*
 * midback -- a mid-back (thoracic spine) mobility coach for people who sit
 * at a screen all day. It plans a short daily routine from a catalog of
 * exercises, shows and explains each exercise, and checks catalog files.
 *
 * main() handles the global options, finds the command, sets up what the
 * command's flags ask for, runs it, and makes sure its output was written.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/gen.h"
#include "version.h"
#include "core/catalog.h"
#include "sys/clock.h"

static void
usage(FILE *f)
{
	const struct cmd_entry	**e;

	fprintf(f, "usage: midback [--help | --version] [COMMAND [ARGS]]\n\n"
	    "A mid-back mobility coach for people who sit at a screen all "
	    "day.\nWith no command, shows today's routine.\n\nCommands:\n");
	for (e = cmd_table; *e != NULL; e++)
		fprintf(f, "  %-8s %s\n", (*e)->name, (*e)->summary);
	fprintf(f, "\nRun 'midback COMMAND --help' for a command's options.\n"
	    "This is not medical advice: see a clinician for pain that is "
	    "sharp, spreading,\nor does not settle.\n");
}

/* The command closest to a mistyped name, or NULL. */
static const char *
suggest(const char *name)
{
	const struct cmd_entry	**e;
	const char		 *best = NULL;
	size_t			  d, bestd = 3;

	for (e = cmd_table; *e != NULL; e++) {
		d = catalog_distance(name, (*e)->name);
		if (d < bestd) {
			bestd = d;
			best = (*e)->name;
		}
	}
	return (best);
}

int
main(int argc, char **argv)
{
	const struct cmd_entry	*e;
	struct cmd_ctx		 ctx;
	struct cmd_args		 a;
	enum cmd_retval		 ret;
	const char		*s;

	memset(&ctx, 0, sizeof ctx);
	s = NULL;
	(void)clock_process(&s);
	if (s != NULL) {
		fprintf(stderr, "midback: %s: %s\n", CLOCK_ENV, s);
		return (CMD_USAGE);
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return (fflush(stdout) == 0 ? CMD_OK : CMD_ERROR);
	}
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "-V") == 0)) {
		printf("midback %s (commit %s)\n", MIDBACK_VERSION,
		    MIDBACK_COMMIT);
		return (fflush(stdout) == 0 ? CMD_OK : CMD_ERROR);
	}
	/*
	 * Hidden, for the build and the completion scripts (gen.c):
	 * --generate bash|zsh|fish|man-synopsis|man-options, and
	 * --complete exercises, the ids the person's catalog holds.
	 */
	if (argc == 3 && strcmp(argv[1], "--generate") == 0) {
		if (gen_write(argv[2], stdout) != 0) {
			fprintf(stderr, "midback: nothing to generate called "
			    "'%s'\n", argv[2]);
			return (CMD_USAGE);
		}
		return (fflush(stdout) == 0 ? CMD_OK : CMD_ERROR);
	}
	if (argc == 3 && strcmp(argv[1], "--complete") == 0 &&
	    strcmp(argv[2], "exercises") == 0) {
		ctx.catalog = cmd_load_catalog();
		gen_ids(stdout, ctx.catalog);
		catalog_free(ctx.catalog);
		return (fflush(stdout) == 0 ? CMD_OK : CMD_ERROR);
	}

	if (argc < 2 || argv[1][0] == '-') {
		/* A bare `midback`, or `midback --minutes 5`: today. */
		e = cmd_find("today");
		argv[0] = (char *)"today";
	} else {
		if ((e = cmd_find(argv[1])) == NULL) {
			fprintf(stderr, "midback: unknown command '%s'",
			    argv[1]);
			if ((s = suggest(argv[1])) != NULL)
				fprintf(stderr, " (did you mean '%s'?)", s);
			fprintf(stderr, "\n");
			usage(stderr);
			return (CMD_USAGE);
		}
		argc--;
		argv++;
	}
	ctx.entry = e;
	if (e->flags & CMD_NEEDS_CATALOG)
		ctx.catalog = cmd_load_catalog();
	switch (cmd_parse(e, argc, argv, &a)) {
	case 1:
		ret = CMD_OK;
		break;
	case -1:
		ret = CMD_USAGE;
		break;
	default:
		ret = e->exec(&ctx, &a);
		break;
	}
	catalog_free(ctx.catalog);

	/* Like git and jq: a full disk must not pass for success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cmd_warn(NULL, "cannot write the output");
		ret = CMD_ERROR;
	}
	return (ret);
}
