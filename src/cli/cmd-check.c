/*
 * cmd-check.c -- validate catalog files and report every problem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "commands.h"
#include "sys/fileio.h"
#include "core/routine.h"

enum cmd_retval
cmd_check_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct catalog		*base, *c, *all = NULL;
	struct plan		 p;
	char			*buf, *name, *cause = NULL;
	size_t			 len;
	struct diag		 d = DIAG_INIT;
	enum cmd_retval		 ret = CMD_OK;
	int			 k;

	if (args->argc == 0) {
		cmd_warn(e, "no file given");
		return (cmd_usage(e));
	}
	base = cmd_load_embedded();
	for (k = 0; k < args->argc; k++) {
		if ((buf = file_read(args->argv[k], &len, &cause)) == NULL) {
			fflush(stdout);
			fprintf(stderr, "%s\n", cause);
			free(cause);
			cause = NULL;
			ret = CMD_ERROR;
			goto report;
		}
		if (routine_looks_like(buf, len)) {
			/* Routines may name the person's own exercises. */
			if (all == NULL)
				all = cmd_load_catalog();
			if (routine_parse(args->argv[k], buf, len, all, &p, &name,
			    &d) == 0) {
				printf("%s: ok, routine '%s' of %zu "
				    "exercise%s\n", args->argv[k], name, p.n,
				    p.n == 1 ? "" : "s");
				plan_release(&p);
				free(name);
			}
		} else if ((c = catalog_parse(args->argv[k], buf, len, base,
		    &d)) != NULL) {
			printf("%s: ok, %zu exercise%s\n", args->argv[k], c->n,
			    c->n == 1 ? "" : "s");
			catalog_free(c);
		}
		free(buf);
report:
		if (d.n > 0) {
			cmd_print_diag(&d);
			diag_release(&d);
			ret = CMD_ERROR;
		}
	}
	catalog_free(all);
	catalog_free(base);
	return (ret);
}
