/*
 * ask.c -- line-at-a-time questions, and the red-flag screen's wording.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ask.h"

const struct screen_question screen_questions[] = {
	{ "chest", "Do you have chest pain or trouble breathing?", 1,
	  "Chest pain or breathlessness can come from the heart or lungs. "
	  "Call your local emergency number now." },
	{ "accident", "Did this pain start after a fall, a crash or another "
	  "accident?", 1,
	  "Pain after an injury needs a check for a fracture before any "
	  "exercise. Get medical help today." },
	{ "legs", "Are both of your legs numb or weak?", 1,
	  "Numbness or weakness in both legs can mean pressure on the spinal "
	  "cord. Get medical help now." },
	{ "bladder", "Have you had new trouble controlling your bladder or "
	  "bowels?", 1,
	  "New bladder or bowel trouble with back pain needs urgent care. Get "
	  "medical help now." },
	{ "fever", "Do you have a fever, or feel unwell, along with the "
	  "pain?", 0,
	  "Fever with back pain can mean an infection. See a doctor before "
	  "you start." },
	{ "weight", "Have you lost weight lately without trying?", 0,
	  "Unexplained weight loss with back pain should be checked by a "
	  "doctor before you start." },
	{ "night", "Does the pain keep on at night or when you are resting "
	  "still?", 0,
	  "Pain that does not ease with rest should be checked by a doctor "
	  "or physiotherapist before you start." },
	{ "weeks", "Has the pain stayed the same for several weeks or got "
	  "worse?", 0,
	  "Pain that has not changed in weeks deserves a proper assessment. "
	  "See a doctor or physiotherapist before you start." },
};
const int screen_nquestions =
    (int)(sizeof screen_questions / sizeof screen_questions[0]);

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

enum ask_result
screen_run(struct ask *a, int *answers, int *acknowledged, int *any_yes)
{
	int	i, emergency = 0;

	*any_yes = 0;
	*acknowledged = 0;
	fprintf(a->out, "Before the first session, a few questions about "
	    "warning signs.\nThey take a minute and are asked once.\n\n");
	for (i = 0; i < screen_nquestions; i++) {
		if (ask_yes_no(a, screen_questions[i].text, &answers[i]) ==
		    ASK_EOF)
			return (ASK_EOF);
		if (answers[i]) {
			*any_yes = 1;
			emergency |= screen_questions[i].emergency;
			fprintf(a->out, "  %s\n", screen_questions[i].why);
		}
	}
	if (*any_yes)
		fprintf(a->out, "\n%s\n", emergency ?
		    "Please get medical help before you exercise." :
		    "Please see a clinician before you start this program.");
	fprintf(a->out, "\nmidback offers general exercise guidance, not "
	    "medical advice. It cannot\nexamine you. If something hurts in a "
	    "sharp or unusual way, stop and ask\na clinician.\n");
	if (ask_yes_no(a, "Do you understand and accept this?",
	    acknowledged) == ASK_EOF)
		return (ASK_EOF);
	return (ASK_OK);
}
