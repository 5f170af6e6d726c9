/*
 * cmd-export.c -- write the history out, as JSON (which `midback import`
 * reads back) or as CSV for a spreadsheet or a clinician.
 *
 * With --output the file is written beside its final name and renamed
 * over it only when complete, so an interrupted export never leaves a
 * half-written file, nor spoils an older one.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "sys/clock.h"
#include "cmd.h"
#include "export.h"
#include "play.h"
#include "store.h"
#include "coach/settings.h"
#include "core/config.h"
#include "core/ics.h"
#include "core/xmalloc.h"

static enum cmd_retval	cmd_export_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "[--format json|csv|ics] [--output FILE]",
	.summary = "write your history, or the break schedule, to a file",
	.help =
	    "Options:\n"
	    "  --format F         json (the default; 'midback import' reads "
	    "it)\n"
	    "                     or csv (one row per session, break, "
	    "exercise\n"
	    "                     and check-in), or ics (the break reminders "
	    "as\n"
	    "                     weekly calendar events with alarms, from "
	    "config.yaml)\n"
	    "  --output FILE      write to FILE instead of standard output\n"
	    "  -h, --help         show this help\n"
	    "\n"
	    "The JSON format is described in docs/export-format.md.\n",
	.exec = cmd_export_exec
};

static const struct option export_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

enum export_format { FORMAT_JSON, FORMAT_CSV, FORMAT_ICS };

/* The settings, for --format ics. */
static struct remind_config	export_cfg;

/*
 * The reminder settings into export_cfg, for --format ics. Returns 0, or
 * -1 after printing what is wrong with the file.
 */
static int
export_settings(const struct cmd_entry *e)
{
	struct diag	 d = DIAG_INIT;
	char		*path, *cause = NULL;
	int		 rc;

	if ((path = settings_path(&cause)) == NULL) {
		cmd_warn(e, "%s", cause);
		free(cause);
		return (-1);
	}
	if ((rc = settings_load(path, &export_cfg, &d, &cause)) != 0) {
		if (cause != NULL)
			cmd_warn(e, "%s", cause);
		cmd_print_diag(&d);
	}
	diag_release(&d);
	free(cause);
	free(path);
	return (rc);
}

/* Write the history to f in the format. Returns 0 or -1 (errno set). */
static int
export_write(const struct store_history *h, enum export_format fmt, FILE *f)
{
	json_t	*j;
	char	*text;
	size_t	 len;
	int	 rc;

	if (fmt == FORMAT_CSV)
		return (export_csv(h, f));
	if (fmt == FORMAT_ICS) {
		text = ics_schedule(&export_cfg,
		    clock_wall_ms(clock_process(NULL)), &len);
		rc = fwrite(text, 1, len, f) == len ? 0 : -1;
		free(text);
		return (rc);
	}
	j = export_json(h);
	rc = json_dumpf(j, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
	return (rc == 0 && !ferror(f) ? 0 : -1);
}

/*
 * Write to path through a temporary file in the same directory, synced
 * and renamed into place. Returns 0 or -1 after saying why.
 */
static int
export_file(const struct cmd_entry *e, const struct store_history *h,
    enum export_format fmt, const char *path)
{
	FILE	*f;
	char	*tmp;
	int	 fd, failed;

	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		cmd_warn(e, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return (-1);
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		cmd_warn(e, "cannot write '%s': %s", path, strerror(errno));
		close(fd);
		goto fail;
	}
	failed = export_write(h, fmt, f) != 0 || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0;
	if (fclose(f) != 0 || failed) {
		cmd_warn(e, "cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		cmd_warn(e, "cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	free(tmp);
	return (0);
fail:
	unlink(tmp);
	free(tmp);
	return (-1);
}

static enum cmd_retval
cmd_export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry	*e = ctx->entry;
	struct store_history	 h = STORE_HISTORY_INIT;
	struct store		*st;
	enum export_format	 fmt = FORMAT_JSON;
	const char		*output = NULL;
	char			*cause = NULL;
	int			 c, rc;

	optind = 0;
	while ((c = cmd_getopt(e, argc, argv, ":h", export_options)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				fmt = FORMAT_JSON;
			else if (strcmp(optarg, "csv") == 0)
				fmt = FORMAT_CSV;
			else if (strcmp(optarg, "ics") == 0)
				fmt = FORMAT_ICS;
			else {
				cmd_warn(e, "unknown format '%s' (expected "
				    "json, csv or ics)", optarg);
				return (cmd_usage(e));
			}
			break;
		case 'o':
			if (*optarg == '\0') {
				cmd_warn(e, "--output needs a file name");
				return (cmd_usage(e));
			}
			output = optarg;
			break;
		case 'h':
			return (cmd_help(e));
		default:
			return (cmd_usage(e));
		}
	}
	if (cmd_no_args(e, argc, argv) != 0)
		return (cmd_usage(e));

	if (fmt == FORMAT_ICS && export_settings(e) != 0)
		return (CMD_ERROR);
	if (fmt == FORMAT_ICS)
		st = NULL;
	else if (cmd_store_open(e, 0, &st) != 0)
		return (CMD_ERROR);
	if (st != NULL && store_history(st, INT64_MIN, INT64_MAX, &h,
	    &cause) != 0) {
		cmd_warn(e, "%s", cause);
		free(cause);
		store_close(st);
		return (CMD_ERROR);
	}
	store_close(st);

	if (output != NULL)
		rc = export_file(e, &h, fmt, output);
	else if ((rc = export_write(&h, fmt, stdout)) != 0 ||
	    (rc = fflush(stdout)) != 0)
		cmd_warn(e, "cannot write the export: %s", strerror(errno));
	store_history_release(&h);
	return (rc == 0 ? CMD_OK : CMD_ERROR);
}
