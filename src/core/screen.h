/*
 * screen.h -- the red-flag screen as data: the warning signs asked about
 * before the first session, read from data/screen.yaml (built into the
 * program), and the rule that decides what the answers mean.
 */
#ifndef MIDBACK_SCREEN_H
#define MIDBACK_SCREEN_H

#include <stddef.h>

#include "diag.h"

struct screen_question {
	char	*id;		/* stored with the answer */
	char	*text;
	int	 emergency;	/* 1: get help now; 0: see someone soon */
	char	*why;		/* said when the answer is yes */
};

struct screen {
	char			*intro;		/* said before the questions */
	char			*notice;	/* not medical advice */
	char			*accept;	/* the question that accepts it */
	char			*emergency;	/* advice after an emergency yes */
	char			*clinician;	/* advice after any other yes */
	struct screen_question	*q;
	size_t			 n;
};

/*
 * What a set of answers means. Only SCREEN_GO lets a session start: any
 * yes, a refusal of the notice, or answers that stop short all mean no
 * session now.
 */
enum screen_verdict {
	SCREEN_GO,		/* every answer no, and the notice accepted */
	SCREEN_EMERGENCY,	/* a yes to an emergency sign: get help now */
	SCREEN_CLINICIAN,	/* a yes to another sign: see someone first */
	SCREEN_DECLINED,	/* all no, but the notice was not accepted */
	SCREEN_UNANSWERED	/* input ended before every answer was given */
};

/* Parse the screen's YAML text; NULL with diagnostics in d on error. */
struct screen		*screen_parse(const char *file, const char *buf,
			    size_t len, struct diag *d);
void			 screen_free(struct screen *);
/*
 * The verdict on answers[0..nanswered) (1 yes, 0 no) and accepted (1
 * yes, 0 no, -1 not answered). A yes decides even when later answers are
 * missing.
 */
enum screen_verdict	 screen_verdict(const struct screen *,
			    const int *answers, size_t nanswered,
			    int accepted);

#endif
