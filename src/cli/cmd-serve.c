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

/* --devices: the paired phones; --forget NAME: unpair one. */
static enum cmd_retval
serve_devices(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct coach		 c;
	char			**names = NULL, *cause = NULL, *gone = NULL;
	size_t			  n = 0, i;
	enum cmd_retval		  ret = CMD_ERROR;
	int			  rc;

	if (cmd_has(args, 'D') && cmd_has(args, 'F')) {
		cmd_warn(e, "--devices and --forget are one at a time");
		return (cmd_usage(e));
	}
	if (cmd_coach(ctx, 0, &c) != 0)
		return (CMD_ERROR);
	if (cmd_has(args, 'F')) {
		rc = coach_device_forget(&c, cmd_get(args, 'F'), &gone,
		    &cause);
		if (rc == 0) {
			printf("forgot %s: its cookie no longer lets it in\n",
			    gone);
			ret = CMD_OK;
		} else if (rc == 1)
			cmd_warn(e, "no paired phone is named '%s' (serve "
			    "--devices lists them)", cmd_get(args, 'F'));
		else
			cmd_warn(e, "%s", cause);
		free(gone);
		free(cause);
		coach_close(&c);
		return (ret);
	}
	if (coach_devices(&c, &names, &n, &cause) != 0) {
		cmd_warn(e, "%s", cause);
		free(cause);
		coach_close(&c);
		return (CMD_ERROR);
	}
	if (n == 0)
		printf("no phone is paired (midback serve --lan pairs one)\n");
	for (i = 0; i < n; i++) {
		printf("%s\n", names[i]);
		free(names[i]);
	}
	free(names);
	coach_close(&c);
	return (CMD_OK);
}

enum cmd_retval
cmd_serve_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct web		 w;
	char			*cause = NULL, *text, where[64];
	long			 port = WEB_PORT_DEFAULT;
	enum cmd_retval		 ret = CMD_ERROR;

	if (args->argc > 0 && !cmd_has(args, 'L')) {
		cmd_warn(e, "an ADDRESS goes with --lan");
		return (cmd_usage(e));
	}
	if (cmd_has(args, 'D') || cmd_has(args, 'F'))
		return (serve_devices(ctx, args));
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
	if (cmd_has(args, 'L')) {
		if (web_lan_address(args->argc > 0 ? args->argv[0] : NULL,
		    w.lan.host, sizeof w.lan.host, &cause) != 0) {
			cmd_warn(e, "--lan: %s", cause);
			free(cause);
			return (CMD_ERROR);
		}
		w.lan.on = 1;
	}
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
