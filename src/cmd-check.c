/*
 * cmd-check.c -- validate catalog files and report every problem.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static enum cmd_retval	cmd_check_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "FILE...",
	.summary = "check exercise files and report every problem",
	.help =
	    "Each problem is reported as FILE:LINE: message. A file whose\n"
	    "regressions name built-in exercises is fine. Exits 1 if any file\n"
	    "has a problem. The format is in docs/catalog-format.md.\n"
	    "\nOptions:\n"
	    "  -h, --help   show this help\n",
	.flags = 0,
	.exec = cmd_check_exec
};

static const struct option check_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static enum cmd_retval
cmd_check_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry	*e = ctx->entry;
	struct catalog		*base, *c;
	struct diag		 d = DIAG_INIT;
	enum cmd_retval		 ret = CMD_OK;
	size_t			 i;
	int			 ch, k;

	optind = 0;
	while ((ch = cmd_getopt(e, argc, argv, ":h", check_options)) != -1) {
		switch (ch) {
		case 'h':
			return (cmd_help(e));
		default:
			return (cmd_usage(e));
		}
	}
	if (optind == argc) {
		cmd_warn(e, "no file given");
		return (cmd_usage(e));
	}
	base = cmd_load_embedded();
	for (k = optind; k < argc; k++) {
		c = catalog_load(argv[k], base, &d);
		if (c == NULL) {
			fflush(stdout);
			for (i = 0; i < d.n; i++)
				fprintf(stderr, "%s\n", d.msgs[i]);
			diag_release(&d);
			ret = CMD_ERROR;
			continue;
		}
		printf("%s: ok, %zu exercise%s\n", argv[k], c->n,
		    c->n == 1 ? "" : "s");
		catalog_free(c);
	}
	catalog_free(base);
	return (ret);
}
