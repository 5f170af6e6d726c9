/*
 * export.h -- the history as JSON and CSV, and a JSON export read back.
 *
 * The JSON shape is documented in docs/export-format.md. Times are ISO
 * 8601 local times with their offset; JSON carries milliseconds so an
 * export imported and exported again is byte for byte the same file.
 */
#ifndef MIDBACK_EXPORT_H
#define MIDBACK_EXPORT_H

#include <stdio.h>

#include <jansson.h>

#include "store/store.h"

/*
 * The export format's name and version, in every JSON export. Version 2
 * added the reminders and the exercises set aside, version 3 the
 * program's start, the self-tests and the red-flag screen's answers,
 * version 4 each self-test's third answer ("more") and its method (1
 * the earlier tests, 2 those now); version 1 to 3 documents are still
 * read (a version 3 self-test is of method 1).
 */
#define EXPORT_FORMAT		"midback-export"
#define EXPORT_VERSION		4

/*
 * What one import takes (docs/export-format.md, "Bounds"): past them the
 * whole file is refused, naming the record, and nothing is stored. Ten
 * years of daily use are about 44,000 records in a 24 MB file.
 */
#define EXPORT_FILE_MAX		(32 * 1024 * 1024)	/* bytes */
#define EXPORT_RECORDS_MAX	60000	/* every session, item, check-in... */
#define EXPORT_ITEMS_MAX	200	/* a session's items */
#define EXPORT_NOTE_MAX		10000	/* characters of a note */
#define EXPORT_NAME_MAX		200	/* characters of any other text */
#define EXPORT_PLAN_MAX		16384	/* bytes of a plan, as stored */
#define EXPORT_NOTES_MAX	(4 * 1024 * 1024)	/* bytes of all notes */
#define EXPORT_PLANS_MAX	(8 * 1024 * 1024)	/* bytes of all plans */

/* One session or break as a JSON object (without its kind). */
json_t	*export_session_json(const struct store_hsession *);
/* One check-in as a JSON object. */
json_t	*export_checkin_json(const struct store_hcheckin *);
/* What became of one break reminder, as a JSON object. */
json_t	*export_reminder_json(const struct store_hreminder *);
/*
 * The whole history as the export's JSON document, with the program,
 * self-tests and screen answers of pd (NULL: none).
 */
json_t	*export_json(const struct store_history *,
	    const struct store_program_data *pd);
/*
 * Write the history as CSV (RFC 4180: CRLF line ends, quoted fields where
 * needed) to f, one row per session, break, item and check-in. A text
 * cell starting with =, +, -, @, a tab or a carriage return is written
 * with a ' in front, so a spreadsheet shows it rather than runs it.
 * Returns 0, or -1 if writing failed.
 */
int	 export_csv(const struct store_history *, FILE *f);
/* Write one CSV cell, quoted and made formula-safe as above. */
void	 export_csv_cell(FILE *f, const char *s);
/*
 * Read an export document into *h (which must be empty). On a problem,
 * returns -1 with *cause set to an allocated message naming where it is,
 * such as "sessions[3].items[0]: unknown feel 'wobbly'"; h is left
 * empty. Returns 0 on success.
 */
int	 export_parse(json_t *doc, struct store_history *h, char **cause);
/*
 * Read a document's program, self-tests and screen answers (version 3;
 * none in earlier versions) into *pd, which must be empty. Call after
 * export_parse() accepted doc. Returns 0, or -1 with *cause as above.
 */
int	 export_parse_program(json_t *doc, struct store_program_data *pd,
	    char **cause);

#endif
