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

/* The red-flag screen's questions. */
struct screen_question {
	const char	*id;		/* stored with the answer */
	const char	*text;
	int		 emergency;	/* 1: get help now; 0: see someone soon */
	const char	*why;		/* said when the answer is yes */
};

extern const struct screen_question screen_questions[];
extern const int screen_nquestions;

/*
 * Run the red-flag screen: the questions, then the acknowledgement that
 * this is not medical advice. answers[] gets 1/0 per question.
 * *acknowledged gets whether the person accepted. Returns ASK_EOF if
 * input ended first (the screen is then unanswered and asked again next
 * time). Prints the advice for every yes.
 */
enum ask_result	screen_run(struct ask *, int *answers, int *acknowledged,
		    int *any_yes);

#endif
