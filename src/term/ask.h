/*
 * ask.h -- questions asked one line at a time: the red-flag screen, pain
 * ratings and yes/no prompts. Used before and after a session, and for
 * every answer in --plain mode, so a screen reader or a script can answer.
 */
#ifndef MIDBACK_ASK_H
#define MIDBACK_ASK_H

#include <stdio.h>

/* The result of one question. */
enum ask_result {
	ASK_OK,			/* answered (or the default was taken) */
	ASK_EOF			/* input ended before an answer */
};

struct ask {
	FILE	*in;		/* Borrowed; answers, one per line. */
	FILE	*out;		/* Borrowed; prompts and advice. */
};

/*
 * Ask a yes/no question; an empty line means no. On a line that is not
 * yes or no, say so and ask again.
 */
enum ask_result	ask_yes_no(struct ask *, const char *question, int *yes);
/*
 * Ask for a number from lo to hi; an empty line means no answer (*value
 * is set to -1).
 */
enum ask_result	ask_number(struct ask *, const char *question, int lo, int hi,
		    int *value);
/*
 * Read one answer line (trimmed) into buf. Returns ASK_EOF, with buf
 * empty, at the end of input.
 */
enum ask_result	ask_line(struct ask *, const char *prompt, char *buf,
		    size_t len);

struct screen;
/*
 * Ask the red-flag screen's questions (core/screen.h) a group at a time:
 * the group's questions listed and one "does any of these apply?", each
 * asked in turn after a yes. An empty line is asked again, never taken
 * as no. The advice for every yes is said; after the answers, for each
 * sign answered yes that needs a clinician, whether one has cleared
 * exercise for that sign (cleared[i] 1, 0, or -1 not asked), stopping at
 * the first that is not; then, unless stopped, the notice and whether
 * the person accepts it. answers[] and cleared[] (s->n of each) get
 * 1/0, *nanswered how many were answered, *accepted 1, 0 or -1. Returns
 * ASK_EOF if input ended before the screen was through; what was
 * answered is still set.
 */
enum ask_result	screen_run(struct ask *, const struct screen *s, int *answers,
		    size_t *nanswered, int *cleared, int *accepted);

#endif
