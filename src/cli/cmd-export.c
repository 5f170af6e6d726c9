/*
 * cmd-export.c -- write the history out, as JSON (which `midback import`
 * reads back) or as CSV for a spreadsheet or a clinician.
 *
 * With --output a file is written beside its final name and renamed
 * over it only when complete, so an interrupted export never leaves a
 * half-written file, nor spoils an older one; a device or a pipe is
 * written as a stream (sys/fileio.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "sys/clock.h"
#include "sys/fileio.h"
#include "cli/cmd.h"
#include "coach/coach.h"
#include "commands.h"
#include "coach/export.h"
#include "coach/settings.h"
#include "core/config.h"
#include "core/ics.h"
#include "core/xmalloc.h"

enum export_format { FORMAT_JSON, FORMAT_CSV, FORMAT_ICS };
static const char *const format_words[] = { "json", "csv", "ics" };
static const struct names formats = NAMES(format_words);

/* The settings, for --format ics. */
static struct remind_config	export_cfg;

/* Write the history to f in the format. Returns 0 or -1 (errno set). */
/* The program, self-tests and screen answers of a JSON export. */
static struct store_program_data export_pd;

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
	j = export_json(h, &export_pd);
	rc = json_dumpf(j, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
	return (rc == 0 && !ferror(f) ? 0 : -1);
}

/*
 * Write to path: a regular file through a temporary file in the same
 * folder, synced and renamed into place; a device or a pipe (/dev/stdout,
 * a FIFO) as a stream, never replaced by a file; anything else refused.
 * Returns 0 or -1 after saying why.
 */
static int
export_file(const struct cmd_entry *e, const struct store_history *h,
    enum export_format fmt, const char *path)
{
	struct file_output	 o;
	char			*err = NULL;
	int			 rc, saved;

	/* The history is about someone's health: theirs alone to read. */
	if (file_output_open(&o, path, 0600, &err) != 0) {
		cmd_warn(e, "%s", err);
		free(err);
		return (-1);
	}
	rc = export_write(h, fmt, o.f);
	saved = errno;
	if (file_output_close(&o, rc == 0, &err) != 0) {
		if (err == NULL)
			err = xasprintf("cannot write '%s': %s", path,
			    strerror(saved != 0 ? saved : EIO));
		cmd_warn(e, "%s", err);
		free(err);
		return (-1);
	}
	return (0);
}

enum cmd_retval
cmd_export_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct coach		 coach;
	struct coach_export	 x;
	enum export_format	 fmt = FORMAT_JSON;
	const char		*output = NULL;
	char			*cause = NULL;
	const char		*f;
	int			 rc, i;

	if ((f = cmd_get(args, 'f')) != NULL &&
	    (i = name_find(&formats, f)) != -1)
		fmt = (enum export_format)i;
	else if (f != NULL) {
		cmd_warn(e, "unknown format '%s' (expected json, csv or ics)",
		    f);
		return (cmd_usage(e));
	}
	if ((output = cmd_get(args, 'o')) != NULL && *output == '\0') {
		cmd_warn(e, "--output needs a file name");
		return (cmd_usage(e));
	}

	if (fmt == FORMAT_ICS && cmd_settings(e, NULL, NULL, &export_cfg) != 0)
		return (CMD_ERROR);
	memset(&x, 0, sizeof x);
	memset(&coach, 0, sizeof coach);
	if (fmt != FORMAT_ICS) {
		if (cmd_coach(ctx, 0, &coach) != 0)
			return (CMD_ERROR);
		rc = coach_export_read(&coach, fmt == FORMAT_JSON, &x, &cause);
		coach_close(&coach);
		if (rc != 0) {
			cmd_warn(e, "%s", cause);
			free(cause);
			return (CMD_ERROR);
		}
	}
	export_pd = x.pd;

	if (output != NULL)
		rc = export_file(e, &x.h, fmt, output);
	else if ((rc = export_write(&x.h, fmt, stdout)) != 0 ||
	    (rc = fflush(stdout)) != 0)
		cmd_warn(e, "cannot write the export: %s", strerror(errno));
	coach_export_release(&x);
	return (rc == 0 ? CMD_OK : CMD_ERROR);
}
