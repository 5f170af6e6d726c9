/*
 * nextday.c -- the next-day question in the terminal. See nextday.h.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ask.h"
#include "coach/coach.h"
#include "core/nextday.h"
#include "nextday.h"
#include "sys/clock.h"

int
term_nextday(struct coach *c, int ask, char **err)
{
	struct ask		 a = { stdin, stdout };
	struct coach_nextday	 nd;
	char			 buf[128], prompt[256];
	long			 day = clock_today(c->clock);
	int			 v;

	if (coach_nextday(c, day, &nd, err) == -1)
		return (-1);
	if (ask && nd.ask) {
		snprintf(prompt, sizeof prompt, "%s [b/s/w, Enter to skip] ",
		    coach_nextday_question);
		for (;;) {
			if (ask_line(&a, prompt, buf, sizeof buf) == ASK_EOF) {
				v = -1;
				break;
			}
			if ((v = nextday_parse(buf)) >= 0)
				break;
			printf("Please answer better, same or worse (b, s or "
			    "w), or press Enter to skip.\n");
		}
		if (v >= 0) {
			coach_nextday_release(&nd);
			if (coach_nextday_save(c, day, v, err) == -1)
				return (-1);
			if (v == NEXTDAY_SKIPPED)
				printf("Skipped for today.\n");
			else if (v != NEXTDAY_WORSE)
				printf("Noted: %s.\n", v == NEXTDAY_BETTER ?
				    "better" : "the same");
			if (coach_nextday(c, day, &nd, err) == -1)
				return (-1);
		}
	}
	if (nd.advice != NULL)
		printf("%s\n", nd.advice);
	if (ask && nd.notice_due) {
		printf("%s\n", nd.notice);
		if (coach_nextday_noticed(c, err) == -1) {
			coach_nextday_release(&nd);
			return (-1);
		}
	}
	if (nd.advice != NULL || (ask && nd.notice_due))
		printf("\n");
	coach_nextday_release(&nd);
	return (0);
}
