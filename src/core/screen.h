/*
 * screen.h -- the red-flag screen as data: the warning signs asked about
 * before the first session, read from data/screen.yaml (built into the
 * program), and the rule that decides what the answers mean.
 */
#ifndef MIDBACK_SCREEN_H
#define MIDBACK_SCREEN_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct screen_question {
	char	*id;		/* stored with the answer */
	char	*name;		/* the sign in a few words */
	char	*text;
	char	*group;		/* heading it is asked under; NULL: as before */
	int	 emergency;	/* 1: get help now; 0: see someone soon */
	int	 adjust;	/* 1: a yes only changes the plan */
	unsigned excludes;	/* LIMIT_* bits a yes keeps out of plans */
	char	*why;		/* said when the answer is yes */
	char	*source;	/* the guidance it follows */
};

/* The screen is asked again after this many days, */
#define SCREEN_VALID_DAYS	90
/* and after a check-in with pain of this or more. */
#define SCREEN_RECHECK_PAIN	7
/* Pain before a session from which breathing alone is offered. */
#define SCREEN_PAIN_STOP	7
/* A rise in pain over a session from which rest is advised. */
#define SCREEN_PAIN_RISE	2

/* The screen's texts (their keys are screen_keys[] in screen.c). */
enum screen_text {
	SCREEN_T_INTRO,		/* said before the questions */
	SCREEN_T_NOTICE,	/* not medical advice */
	SCREEN_T_ACCEPT,	/* the question that accepts it */
	SCREEN_T_EMERGENCY,	/* advice after an emergency yes */
	SCREEN_T_CLINICIAN,	/* advice after any other yes */
	SCREEN_T_CLEARED,	/* "a clinician has cleared me", asked
				   of each clearable sign answered yes */
	SCREEN_T_ANY,		/* asked of a group as a whole */
	SCREEN_T_KEYS,		/* how to answer at the terminal */
	SCREEN_NTEXTS
};

struct screen {
	char			*text[SCREEN_NTEXTS];
	struct screen_question	*q;
	size_t			 n;
};

/*
 * What a set of answers means. Only SCREEN_GO lets a session start: any
 * yes, a refusal of the notice, or answers that stop short all mean no
 * session now.
 */
enum screen_verdict {
	SCREEN_GO,		/* every answer no (or cleared), notice accepted */
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
 * Whether a yes to q is one a clinician may clear: neither an emergency
 * nor an `adjust` question.
 */
int			 screen_clearable(const struct screen_question *q);
/*
 * The verdict on answers[0..nanswered) (1 yes, 0 no) and accepted (1
 * yes, 0 no, -1 not answered). A yes to an emergency sign decides even
 * when later answers are missing. A yes to another sign stops unless
 * that sign is cleared (cleared[i] 1: a clinician has seen it and
 * cleared exercise; 0 or -1 not; cleared NULL: none is), sign by sign;
 * an `adjust` question's yes never stops. No answer never counts as no.
 */
enum screen_verdict	 screen_verdict(const struct screen *,
			    const int *answers, size_t nanswered,
			    const int *cleared, int accepted);
/* Whether the answers hold a yes that a clinician's clearance covers. */
int			 screen_needs_clearance(const struct screen *,
			    const int *answers, size_t nanswered);
/* The LIMIT_* bits of the questions whose ids (answered yes) are given. */
unsigned		 screen_limits(const struct screen *,
			    const char *const *yes_ids, size_t n);
/*
 * Whether the screen must be asked: never acknowledged (ack_ms 0), the
 * last acknowledgement older than SCREEN_VALID_DAYS at now_ms, or a
 * check-in with pain of SCREEN_RECHECK_PAIN or more since (high_ms, 0
 * for none).
 */
int			 screen_due(int64_t ack_ms, int64_t high_ms,
			    int64_t now_ms);

#endif
