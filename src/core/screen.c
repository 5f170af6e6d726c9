/*
 * screen.c -- the red-flag screen's questions, read from YAML, and what
 * the answers mean. See screen.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "screen.h"
#include "xmalloc.h"
#include "ytree.h"

/*
 * The keys of each mapping, in the order of its enum ("!": required):
 * the screen's texts (enum screen_text), then its questions.
 */
enum { S_QUESTIONS = SCREEN_NTEXTS, S_NKEYS };
static const char *const screen_keys[S_NKEYS] = {
	"intro!", "notice!", "accept!", "emergency!", "clinician!",
	"cleared!", "any!", "keys!", "questions!"
};

enum { Q_ID, Q_NAME, Q_TEXT, Q_EMERGENCY, Q_WHY, Q_SOURCE, Q_GROUP,
    Q_ADJUST, Q_EXCLUDES, Q_NKEYS };
static const char *const question_keys[Q_NKEYS] = {
	"id!", "name!", "text!", "emergency!", "why!", "source!", "group",
	"adjust", "excludes"
};

/* A text, copied; NULL if absent (n NULL), or wrong (reported). */
static char *
text(struct ytree *t, yaml_node_t *n, const char *key)
{
	const char	*s;

	if (n == NULL)
		return (NULL);
	s = ytree_str(t, n, key);

	return (s != NULL ? xstrdup(s) : NULL);
}

/* A list of condition names (catalog_limits) into bits. */
static void
read_limits(struct ytree *t, yaml_node_t *n, unsigned *out)
{
	const char	*name;
	int		 len, i, bit;

	if ((len = ytree_seq_len(t, n, "excludes")) < 0)
		return;
	for (i = 0; i < len; i++) {
		yaml_node_t *item;

		if ((name = ytree_seq_str(t, n, i, "excludes", &item)) == NULL)
			continue;
		if ((bit = name_find_bit(&catalog_limits, name)) == -1)
			diag_add(t->diag, t->file, ytree_line(item),
			    "unknown condition '%s'", name);
		else
			*out |= (unsigned)bit;
	}
}

struct screen *
screen_parse(const char *file, const char *buf, size_t len, struct diag *d)
{
	struct ytree		 t;
	struct screen		*s;
	struct screen_question	*q;
	yaml_node_t		*root, *f[S_NKEYS], *g[Q_NKEYS];
	size_t			 before = d->n;
	char			 key[16];
	int			 i, n;

	if ((root = ytree_load(&t, file, buf, len, d)) == NULL)
		return (NULL);
	s = xcalloc(1, sizeof *s);
	if (ytree_keys(&t, root, screen_keys, S_NKEYS, f, "the screen") == -1)
		goto out;
	for (i = 0; i < SCREEN_NTEXTS; i++) {
		snprintf(key, sizeof key, "%.*s",
		    (int)strcspn(screen_keys[i], "!"), screen_keys[i]);
		s->text[i] = text(&t, f[i], key);
	}
	if (f[S_QUESTIONS] == NULL ||
	    (n = ytree_seq_len(&t, f[S_QUESTIONS], "questions")) == -1)
		goto out;
	if (n == 0) {
		diag_add(d, file, ytree_line(f[S_QUESTIONS]),
		    "'questions' must not be empty");
		goto out;
	}
	s->q = xcalloc((size_t)n, sizeof *s->q);
	for (i = 0; i < n; i++) {
		yaml_node_t *item = ytree_seq_item(&t, f[S_QUESTIONS], i);

		q = &s->q[s->n++];
		if (ytree_keys(&t, item, question_keys, Q_NKEYS, g,
		    "a question") == -1)
			continue;
		q->id = text(&t, g[Q_ID], "id");
		q->name = text(&t, g[Q_NAME], "name");
		q->text = text(&t, g[Q_TEXT], "text");
		q->why = text(&t, g[Q_WHY], "why");
		q->source = text(&t, g[Q_SOURCE], "source");
		if (g[Q_EMERGENCY] != NULL)
			(void)ytree_bool(&t, g[Q_EMERGENCY], "emergency",
			    &q->emergency);
		q->group = text(&t, g[Q_GROUP], "group");
		if (g[Q_ADJUST] != NULL)
			(void)ytree_bool(&t, g[Q_ADJUST], "adjust",
			    &q->adjust);
		if (g[Q_EXCLUDES] != NULL)
			read_limits(&t, g[Q_EXCLUDES], &q->excludes);
	}
out:
	ytree_release(&t);
	if (d->n > before) {
		screen_free(s);
		return (NULL);
	}
	return (s);
}

void
screen_free(struct screen *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->q[i].id);
		free(s->q[i].name);
		free(s->q[i].text);
		free(s->q[i].why);
		free(s->q[i].source);
		free(s->q[i].group);
	}
	free(s->q);
	for (i = 0; i < SCREEN_NTEXTS; i++)
		free(s->text[i]);
	free(s);
}

int
screen_clearable(const struct screen_question *q)
{
	return (!q->emergency && !q->adjust);
}

enum screen_verdict
screen_verdict(const struct screen *s, const int *answers, size_t nanswered,
    const int *cleared, int accepted)
{
	enum screen_verdict	v = SCREEN_GO;
	size_t			i;

	for (i = 0; i < nanswered && i < s->n; i++)
		if (answers[i]) {
			if (s->q[i].emergency)
				return (SCREEN_EMERGENCY);
			if (screen_clearable(&s->q[i]) &&
			    (cleared == NULL || cleared[i] != 1))
				v = SCREEN_CLINICIAN;
		}
	if (v != SCREEN_GO)
		return (v);
	if (nanswered < s->n || accepted == -1)
		return (SCREEN_UNANSWERED);
	return (accepted ? SCREEN_GO : SCREEN_DECLINED);
}

int
screen_needs_clearance(const struct screen *s, const int *answers,
    size_t nanswered)
{
	size_t	i;
	int	need = 0;

	for (i = 0; i < nanswered && i < s->n; i++)
		if (answers[i]) {
			if (s->q[i].emergency)
				return (0);
			if (!s->q[i].adjust)
				need = 1;
		}
	return (need);
}

unsigned
screen_limits(const struct screen *s, const char *const *yes_ids, size_t n)
{
	unsigned	limits = 0;
	size_t		i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < s->n; j++)
			if (strcmp(yes_ids[i], s->q[j].id) == 0)
				limits |= s->q[j].excludes;
	return (limits);
}

int
screen_due(int64_t ack_ms, int64_t high_ms, int64_t now_ms)
{
	if (ack_ms <= 0)
		return (1);
	if (now_ms - ack_ms >= (int64_t)SCREEN_VALID_DAYS * 86400 * 1000)
		return (1);
	return (high_ms >= ack_ms);
}
