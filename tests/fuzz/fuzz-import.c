/*
 * fuzz-import.c -- libFuzzer target: a JSON export, as `midback import`
 * reads it. Whatever parses must be something that could be true: no
 * session ends before it starts or is still running, no item is finished
 * before its session started, and every dose and rating is in range.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "coach/export.h"
#include "coach/coach.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(const struct store_history *h)
{
	const struct store_hsession	*s;
	const struct store_hitem	*it;
	size_t				 i, j;

	for (i = 0; i < h->nsessions; i++) {
		s = &h->sessions[i];
		if (strcmp(s->status, "running") == 0 || s->ended_ms == -1 ||
		    s->ended_ms < s->started_ms)
			abort();
		if (s->pain_before < -1 || s->pain_before > 10 ||
		    s->pain_after < -1 || s->pain_after > 10)
			abort();
		for (j = 0; j < s->nitems; j++) {
			it = &s->items[j];
			if (it->finished_ms < s->started_ms ||
			    it->sets_done < 0 || it->sets_done > 1000 ||
			    it->reps_done < 0 || it->reps_done > 1000 ||
			    it->holds_done < 0 || it->holds_done > 1000 ||
			    it->breaths_done < 0 || it->breaths_done > 1000)
				abort();
		}
	}
	for (i = 0; i < h->ncheckins; i++)
		if (h->checkins[i].pain < 0 || h->checkins[i].pain > 10)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store_history	 h = STORE_HISTORY_INIT;
	json_error_t		 jerr;
	json_t			*doc;
	char			*cause = NULL;

	if ((doc = json_loadb((const char *)data, size,
	    JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return (0);
	if (export_parse(doc, &h, &cause) == 0)
		check(&h);
	free(cause);
	store_history_release(&h);
	json_decref(doc);
	return (0);
}
