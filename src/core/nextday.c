/*
 * nextday.c -- the next-day response's rules. See nextday.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nextday.h"
#include "xmalloc.h"

static const char *const answer_names[NEXTDAY_NANSWERS] = {
	"better", "same", "worse", "skipped"
};

const char *
nextday_name(enum nextday_answer a)
{
	return (a >= 0 && a < NEXTDAY_NANSWERS ? answer_names[a] : "?");
}

int
nextday_parse_name(const char *name)
{
	int	i;

	for (i = 0; i < NEXTDAY_SKIPPED; i++)
		if (strcmp(name, answer_names[i]) == 0)
			return (i);
	return (-1);
}

int
nextday_parse(const char *text)
{
	int	i;

	if (*text == '\0')
		return (NEXTDAY_SKIPPED);
	for (i = 0; i < NEXTDAY_SKIPPED; i++)
		if (strcasecmp(text, answer_names[i]) == 0 ||
		    (text[1] == '\0' && (text[0] | 0x20) ==
		    answer_names[i][0]))
			return (i);
	return (-1);
}

int
nextday_due(int yesterday_active, int answered)
{
	return (yesterday_active && !answered);
}

int
nextday_count(const struct nextday_day *v, size_t n, long from, long to,
    enum nextday_answer a)
{
	size_t	i;
	int	k = 0;

	for (i = 0; i < n; i++)
		if (v[i].day >= from && v[i].day <= to &&
		    v[i].answer == (int)a)
			k++;
	return (k);
}

int
nextday_held(const struct nextday_day *v, size_t n, long today, long *since)
{
	long	from = today - NEXTDAY_HOLD_DAYS + 1;
	size_t	i;
	int	k = 0;

	*since = -1;
	for (i = 0; i < n; i++) {
		if (v[i].day < from || v[i].day > today ||
		    v[i].answer != NEXTDAY_WORSE)
			continue;
		if (++k == NEXTDAY_HOLD_WORSE)
			*since = v[i].day;
	}
	if (k < NEXTDAY_HOLD_WORSE)
		*since = -1;
	return (k >= NEXTDAY_HOLD_WORSE);
}

void
nextday_step_down(const struct program_state *st, struct plan_hint *h)
{
	const struct program_level	*lv;
	int				*steps;
	size_t				 i;

	/* The hint's arrays are the hint's own (program_hint()). */
	steps = (int *)(uintptr_t)h->steps;
	for (i = 0; i < h->n; i++) {
		if ((lv = program_level_of(st, h->ids[i])) == NULL ||
		    lv->level <= 0)
			continue;
		steps[i] = program_dose_steps(&lv->ex->dose, lv->level - 1);
	}
}

int
nextday_no_change(const struct nextday_progress *p)
{
	size_t	i;
	int	measured = 0;

	if (p->today - p->start_day < NEXTDAY_REVIEW_DAYS)
		return (0);
	if (p->npain_first > 0 && p->npain_last > 0) {
		measured = 1;
		if (p->pain_last10 < p->pain_first10)
			return (0);
	}
	for (i = 0; i < p->ntests; i++) {
		if (p->first[i] < 0 || p->latest[i] < 0)
			continue;
		measured = 1;
		if (p->latest[i] > p->first[i])
			return (0);
	}
	return (measured);
}
