/*
 * nextday.h -- the next-day question asked a line at a time, and what
 * the coach says after it (coach.h, coach_nextday()).
 */
#ifndef MIDBACK_TERM_NEXTDAY_H
#define MIDBACK_TERM_NEXTDAY_H

struct coach;

/*
 * On the first command that plans or plays: when ask is 1 and the coach
 * says so, ask how the back is compared with before yesterday's session
 * (better, the same or worse; Enter skips, which counts as asked; an
 * answer of another kind is asked again; end of input stores nothing),
 * then say today's words (the doses one step lower, the easier options,
 * a hold) and, once, the six-week words. With ask 0 only today's words.
 * Returns 0, or -1 with *err.
 */
int	term_nextday(struct coach *, int ask, char **err);

#endif
