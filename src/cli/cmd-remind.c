/*
 * cmd-remind.c -- `midback remind`: run the break reminder daemon, say
 * what it will do next, or install it as a systemd user service. The
 * daemon and the unit are src/remind/; the settings src/coach/settings.c.
 * This file parses, calls them, prints and picks the exit status.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "commands.h"
#include "coach/settings.h"
#include "remind/remind.h"
#include "sys/clock.h"
#include "core/config.h"
#include "core/date.h"
#include "core/schedule.h"
#include "core/xmalloc.h"

/* How long until ms, in words: "in 23 min", "in 2 h 5 min", "now". */
static void
until_words(int64_t ms, int64_t now, char *buf, size_t len)
{
	int64_t	min = (ms - now + 59999) / 60000;

	if (min <= 0)
		snprintf(buf, len, "now");
	else if (min < 60)
		snprintf(buf, len, "in %lld min", (long long)min);
	else
		snprintf(buf, len, "in %lld h %lld min", (long long)min / 60,
		    (long long)min % 60);
}

static enum cmd_retval
remind_print_status(const struct remind_config *cfg)
{
	const struct clock	*clk = clock_process(NULL);
	struct remind_status	 st;
	char			 iso[DATE_ISO_BUFSZ], when[64], *desc;
	int64_t			 now = clock_wall_ms(clk);

	remind_status(cfg, now, &st);
	if (st.running)
		printf("midback remind is running (process %d); idle sources: "
		    "%s; notifications: %s.\n", st.pid, st.idle_sources,
		    st.notifications ? "yes" : "no, the terminal bell");
	else
		printf("midback remind is not running. Started now, with you "
		    "at the desk from now on:\n");
	if (st.has_next) {
		date_iso(st.due_ms, clock_tz_min(clk, st.due_ms), 0, iso);
		until_words(st.due_ms, now, when, sizeof when);
		printf("Next: %s at %.5s on %.10s (%s): %s.\n",
		    sched_kind_name(st.kind), iso + 11, iso, when, st.reason);
	} else if (st.running)
		printf("Nothing will fire with these settings.\n");
	else
		printf("Nothing would fire with these settings.\n");
	desc = config_describe(cfg);
	printf("\nSettings:\n%s", desc);
	free(desc);
	return (CMD_OK);
}

enum cmd_retval
cmd_remind_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct remind_config	 cfg;
	enum cmd_retval		 ret;
	char			*path, *text, *cause = NULL;
	int			 mode;

	if (cmd_has(args, 's') + cmd_has(args, 'i') + cmd_has(args, 'u') > 1) {
		cmd_warn(e, "--status, --install and --uninstall are one at a "
		    "time");
		return (cmd_usage(e));
	}
	mode = cmd_has(args, 's') ? 's' : cmd_has(args, 'i') ? 'i' :
	    cmd_has(args, 'u') ? 'u' : 0;
	if (mode == 'i') {
		text = remind_unit_text(&cause);
		return (cmd_unit_install(e, REMIND_UNIT, text, cause, "."));
	}
	if (mode == 'u')
		return (cmd_unit_uninstall(e, REMIND_UNIT));

	if (cmd_settings(e, mode == 's' ? "cannot tell" : "not started",
	    &path, &cfg) != 0)
		return (CMD_ERROR);
	if (mode == 's')
		ret = remind_print_status(&cfg);
	else
		ret = remind_daemon(path, &cfg) == 0 ? CMD_OK : CMD_ERROR;
	free(path);
	return (ret);
}
