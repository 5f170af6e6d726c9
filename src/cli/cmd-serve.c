/*
 * cmd-serve.c -- `midback serve`: the guided routine, the library and
 * progress in a browser tab, served by midback itself on the loopback
 * address. The server is src/web/; this file parses, calls it, prints
 * and picks the exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "commands.h"
#include "coach/settings.h"
#include "web/web.h"
#include "core/xmalloc.h"

enum cmd_retval
cmd_serve_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct web		 w;
	char			*cause = NULL, *text, where[64];
	long			 port = WEB_PORT_DEFAULT;
	enum cmd_retval		 ret = CMD_ERROR;

	if (cmd_has(args, 'i') && cmd_has(args, 'u')) {
		cmd_warn(e, "--install and --uninstall are one at a time");
		return (cmd_usage(e));
	}
	if (cmd_has(args, 'P') && cmd_number(e, "port", cmd_get(args, 'P'), 0,
	    65535, &port) == -1)
		return (cmd_usage(e));
	if (cmd_has(args, 'i')) {
		text = web_unit_text((int)port, &cause);
		snprintf(where, sizeof where, ": http://127.0.0.1:%ld/", port);
		return (cmd_unit_install(e, WEB_UNIT, text, cause, where));
	}
	if (cmd_has(args, 'u'))
		return (cmd_unit_uninstall(e, WEB_UNIT));
	if (cmd_has(args, 'l')) {
		char	link[128];
		int	running;

		/* A fresh one-time link to the server that runs now. */
		if (web_state_read(&running, &cause) != 0 ||
		    web_link_new(running, link, sizeof link, &cause) != 0) {
			cmd_warn(e, "%s", cause);
			free(cause);
			return (CMD_ERROR);
		}
		printf("%s\n", link);
		return (CMD_OK);
	}

	memset(&w, 0, sizeof w);
	w.port = (int)port;
	if ((w.settings_path = settings_path(&cause)) == NULL)
		goto fail;
	if (cmd_coach(ctx, 1, &w.coach) != 0)
		goto out;
	w.coach.where = "the browser (midback serve)";
	if (web_init(&w, &cause) != 0 || web_serve(&w,
	    cmd_has(args, 'o') ? "xdg-open" : NULL, &cause) != 0)
		goto fail;
	ret = CMD_OK;
	goto out;
fail:
	cmd_warn(e, "%s", cause);
	free(cause);
out:
	web_release(&w);
	coach_close(&w.coach);
	free(w.settings_path);
	return (ret);
}
