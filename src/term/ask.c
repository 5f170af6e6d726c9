/*
 * ask.c -- line-at-a-time questions, and the red-flag screen asked so.
 */
#include <sys/ioctl.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ask.h"
#include "core/screen.h"

/*
 * The width to fold text at: a terminal's columns less one (a line that
 * fills the last column wraps by itself on some terminals), or 0 where
 * out is not a terminal, so that what is piped or tested is the text as
 * written.
 */
static int
fold_width(FILE *out)
{
	struct winsize	ws;

	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 20)
		return (ws.ws_col - 1);
	return (0);
}

/*
 * Print text after first, folded at spaces to the terminal's width, each
 * further line after rest (as long as first), and end with a newline
 * when nl is 1. A word longer than a line is left whole. Lines are
 * counted in bytes: a UTF-8 character folds a little early, never late.
 */
static void
fold(FILE *out, const char *first, const char *rest, const char *text, int nl)
{
	int		w = fold_width(out), room, n, i;
	const char	*pre = first, *eol;

	if (w == 0) {
		fprintf(out, "%s%s%s", first, text, nl ? "\n" : "");
		return;
	}
	for (;;) {
		room = w - (int)strlen(pre);
		if (room < 10)
			room = 10;
		eol = strchr(text, '\n');
		n = eol != NULL ? (int)(eol - text) : (int)strlen(text);
		if (n > room) {
			for (i = room; i > 0 && text[i] != ' '; i--)
				;
			if (i == 0)
				for (i = room; i < n && text[i] != ' '; i++)
					;
			n = i;
		}
		fprintf(out, "%s%.*s", pre, n, text);
		text += n;
		while (*text == ' ')
			text++;
		if (*text == '\n')
			text++;
		if (*text == '\0')
			break;
		fputc('\n', out);
		pre = rest;
	}
	if (nl)
		fputc('\n', out);
}

enum ask_result
ask_line(struct ask *a, const char *prompt, char *buf, size_t len)
{
	size_t	n;
	char	*s;

	fputs(prompt, a->out);
	fflush(a->out);
	if (fgets(buf, (int)len, a->in) == NULL) {
		*buf = '\0';
		fputc('\n', a->out);
		return (ASK_EOF);
	}
	/* Input that is not typed is not echoed: end the prompt's line. */
	if (!isatty(fileno(a->in)))
		fputc('\n', a->out);
	n = strlen(buf);
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	for (s = buf; isspace((unsigned char)*s); s++)
		;
	memmove(buf, s, strlen(s) + 1);
	return (ASK_OK);
}

enum ask_result
ask_yes_no(struct ask *a, const char *question, int *yes)
{
	char	buf[128], *prompt;
	size_t	len;

	len = strlen(question) + 16;
	prompt = malloc(len);
	if (prompt == NULL)
		abort();
	snprintf(prompt, len, "%s [y/N] ", question);
	for (;;) {
		if (ask_line(a, prompt, buf, sizeof buf) == ASK_EOF) {
			free(prompt);
			return (ASK_EOF);
		}
		if (*buf == '\0' || strcasecmp(buf, "n") == 0 ||
		    strcasecmp(buf, "no") == 0) {
			*yes = 0;
			break;
		}
		if (strcasecmp(buf, "y") == 0 || strcasecmp(buf, "yes") == 0) {
			*yes = 1;
			break;
		}
		fprintf(a->out, "Please answer y or n.\n");
	}
	free(prompt);
	return (ASK_OK);
}

enum ask_result
ask_number(struct ask *a, const char *question, int lo, int hi, int *value)
{
	char	 buf[128], *end;
	long	 v;

	for (;;) {
		if (ask_line(a, question, buf, sizeof buf) == ASK_EOF) {
			*value = -1;
			return (ASK_EOF);
		}
		if (*buf == '\0') {
			*value = -1;
			return (ASK_OK);
		}
		v = strtol(buf, &end, 10);
		if (*end == '\0' && v >= lo && v <= hi) {
			*value = (int)v;
			return (ASK_OK);
		}
		fprintf(a->out, "Please give a number from %d to %d, or press "
		    "Enter to skip.\n", lo, hi);
	}
}

/* A yes or no that must be given: Enter alone is asked again. */
static enum ask_result
ask_must(struct ask *a, const char *question, int *yes)
{
	char	buf[128];

	for (;;) {
		fold(a->out, "", "", question, 0);
		fputs(" [y/n] ", a->out);
		if (ask_line(a, "", buf, sizeof buf) == ASK_EOF)
			return (ASK_EOF);
		if (strcasecmp(buf, "n") == 0 || strcasecmp(buf, "no") == 0) {
			*yes = 0;
			return (ASK_OK);
		}
		if (strcasecmp(buf, "y") == 0 || strcasecmp(buf, "yes") == 0) {
			*yes = 1;
			return (ASK_OK);
		}
		fprintf(a->out, "Please answer y or n: no answer is not "
		    "taken as no.\n");
	}
}

/* Where the group of question i ends: the next with another heading. */
static size_t
group_end(const struct screen *s, size_t i)
{
	size_t	j = i + 1;

	if (s->q[i].group == NULL)
		return (j);
	while (j < s->n && s->q[j].group != NULL &&
	    strcmp(s->q[j].group, s->q[i].group) == 0)
		j++;
	return (j);
}

enum ask_result
screen_run(struct ask *a, const struct screen *s, int *answers,
    size_t *nanswered, int *cleared, int *accepted)
{
	size_t	i, j, end;
	int	any = 0, emergency = 0, some;
	char	q[512];

	*nanswered = 0;
	*accepted = -1;
	for (i = 0; i < s->n; i++)
		cleared[i] = -1;
	fold(a->out, "", "", s->text[SCREEN_T_INTRO], 1);
	fold(a->out, "", "", s->text[SCREEN_T_KEYS], 1);
	for (i = 0; i < s->n; i = end) {
		end = group_end(s, i);
		some = 1;
		if (end - i > 1) {
			fprintf(a->out, "\n%s:\n", s->q[i].group);
			for (j = i; j < end; j++)
				fold(a->out, "  - ", "    ", s->q[j].text, 1);
			if (ask_must(a, s->text[SCREEN_T_ANY], &some) ==
			    ASK_EOF)
				break;
		}
		for (j = i; j < end; j++) {
			if (!some)
				answers[j] = 0;
			else if (ask_must(a, s->q[j].text, &answers[j]) ==
			    ASK_EOF)
				goto ended;
			*nanswered = j + 1;
			if (answers[j]) {
				any |= screen_clearable(&s->q[j]);
				emergency |= s->q[j].emergency;
				fold(a->out, "  ", "  ", s->q[j].why, 1);
			}
		}
	}
ended:
	/* A yes is advice enough, whether or not every answer came. */
	if (emergency) {
		fputc('\n', a->out);
		fold(a->out, "", "", s->text[SCREEN_T_EMERGENCY], 1);
		return (ASK_OK);
	}
	if (*nanswered < s->n) {
		if (any) {
			fputc('\n', a->out);
			fold(a->out, "", "", s->text[SCREEN_T_CLINICIAN], 1);
		}
		return (ASK_EOF);
	}
	if (any) {
		/* Each sign is cleared on its own, or not at all. */
		fputc('\n', a->out);
		fold(a->out, "", "", s->text[SCREEN_T_CLINICIAN], 1);
		for (i = 0; i < s->n; i++) {
			if (!answers[i] || !screen_clearable(&s->q[i]))
				continue;
			/* "A history of cancer: has a clinician ...?" */
			snprintf(q, sizeof q, "%c%s: %c%s",
			    toupper((unsigned char)s->q[i].name[0]),
			    s->q[i].name + 1,
			    tolower((unsigned char)s->text[SCREEN_T_CLEARED][0]),
			    s->text[SCREEN_T_CLEARED] + 1);
			if (ask_must(a, q, &cleared[i]) == ASK_EOF) {
				cleared[i] = -1;
				return (ASK_EOF);
			}
			if (!cleared[i])
				return (ASK_OK);
			fprintf(a->out, "Noted: %s, cleared by a clinician "
			    "today.\n", s->q[i].name);
		}
		fprintf(a->out, "Stop and see them again if anything "
		    "changes.\n");
	}
	fputc('\n', a->out);
	fold(a->out, "", "", s->text[SCREEN_T_NOTICE], 1);
	if (ask_must(a, s->text[SCREEN_T_ACCEPT], accepted) == ASK_EOF) {
		*accepted = -1;
		return (ASK_EOF);
	}
	return (ASK_OK);
}
