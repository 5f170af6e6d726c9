/*
 * cmd-import.c -- put an export back into the store.
 *
 * What is already there (the same uid) is left alone, so importing the
 * same export twice, or an export into the store it came from, changes
 * nothing. The whole file is checked before anything is written, and it
 * is written in one transaction: all of it, or none of it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd.h"
#include "coach/coach.h"
#include "commands.h"
#include "coach/export.h"

/*
 * Say how many of each kind of record were new, "Imported 3 of 5 sessions
 * and breaks and 2 of 2 check-ins from 'f.json'; the others were already
 * here.", leaving out the kinds the file has none of.
 */
static void
import_say(const char *path, int ns, size_t ts, int nc, size_t tc, int nr,
    size_t tr, int nf, size_t tf)
{
	static const char *const what[] = {
		"sessions and breaks", "check-ins", "reminders",
		"exercises set aside"
	};
	const int	 got[] = { ns, nc, nr, nf };
	const size_t	 of[] = { ts, tc, tr, tf };
	size_t		 i, left, k = 0;
	int		 old = 0;

	for (i = left = 0; i < 4; i++)
		left += of[i] != 0;
	if (left == 0) {
		printf("Nothing to import in '%s'.\n", path);
		return;
	}
	printf("Imported ");
	for (i = 0; i < 4; i++) {
		if (of[i] == 0)
			continue;
		k++;
		printf("%s%d of %zu %s", k == 1 ? "" : k == left ? " and " :
		    ", ", got[i], of[i], what[i]);
		old |= (size_t)got[i] < of[i];
	}
	printf(" from '%s'%s.\n", path, old ?
	    "; the others were already here" : "");
}

/* A file read for jansson, refused past EXPORT_FILE_MAX bytes. */
struct capped {
	FILE	*f;
	size_t	 n;
	int	 over;
};

static size_t
capped_read(void *buf, size_t len, void *arg)
{
	struct capped	*c = arg;
	size_t		 got;

	got = fread(buf, 1, len, c->f);
	if ((c->n += got) > EXPORT_FILE_MAX) {
		c->over = 1;
		return ((size_t)-1);
	}
	return (got == 0 && ferror(c->f) ? (size_t)-1 : got);
}

enum cmd_retval
cmd_import_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct coach		 coach;
	struct coach_export	 imp;
	struct coach_imported	 got;
	json_error_t		 jerr;
	json_t			*doc;
	struct capped		 cf = { NULL, 0, 0 };
	const char		*path;
	char			*cause = NULL;
	int			 rc;

	if (args->argc == 0) {
		cmd_warn(e, "name the export file to read");
		return (cmd_usage(e));
	}
	path = args->argv[0];

	if ((cf.f = fopen(path, "r")) == NULL) {
		cmd_warn(e, "%s: unable to open %s: %s", path, path,
		    strerror(errno));
		return (CMD_ERROR);
	}
	doc = json_load_callback(capped_read, &cf, JSON_REJECT_DUPLICATES,
	    &jerr);
	fclose(cf.f);
	if (doc == NULL && cf.over) {
		cmd_warn(e, "%s: larger than %d MiB, the most one import takes; "
		    "split the file", path, EXPORT_FILE_MAX / (1024 * 1024));
		return (CMD_ERROR);
	}
	if (doc == NULL) {
		/* jansson says "unable to decode byte 0xff": say what. */
		if (jerr.line > 0 &&
		    json_error_code(&jerr) == json_error_invalid_utf8)
			fprintf(stderr, "%s:%d: text that is not valid UTF-8 "
			    "(%s)\n", path, jerr.line, jerr.text);
		else if (jerr.line > 0)
			fprintf(stderr, "%s:%d: %s\n", path, jerr.line,
			    jerr.text);
		else
			cmd_warn(e, "%s: %s", path, jerr.text);
		return (CMD_ERROR);
	}
	/* Read and checked whole before the store is opened, or made. */
	rc = coach_import_read(doc, &imp, &cause);
	json_decref(doc);
	if (rc != 0) {
		fprintf(stderr, "%s: %s\n", path, cause);
		free(cause);
		return (CMD_ERROR);
	}
	if (cmd_coach(ctx, 1, &coach) != 0) {
		coach_export_release(&imp);
		return (CMD_ERROR);
	}
	rc = coach_import_add(&coach, &imp, &got, &cause);
	coach_close(&coach);
	coach_export_release(&imp);
	if (rc != 0) {
		cmd_warn(e, "%s", cause);
		free(cause);
		return (CMD_ERROR);
	}
	import_say(path, got.n[COACH_IMP_SESSIONS], got.of[COACH_IMP_SESSIONS],
	    got.n[COACH_IMP_CHECKINS], got.of[COACH_IMP_CHECKINS],
	    got.n[COACH_IMP_REMINDERS], got.of[COACH_IMP_REMINDERS],
	    got.n[COACH_IMP_SET_ASIDE], got.of[COACH_IMP_SET_ASIDE]);
	if (got.of[COACH_IMP_SELFTESTS] > 0)
		printf("%d of %zu self-tests were new.\n",
		    got.n[COACH_IMP_SELFTESTS], got.of[COACH_IMP_SELFTESTS]);
	return (CMD_OK);
}
