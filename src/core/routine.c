/*
 * routine.c -- read a routine file into a plan.
 *
 * The doses are the file's own: a clinician may prescribe outside the
 * catalog's ranges, so only their form is checked, not their size.
 */
#include <stdlib.h>
#include <string.h>

#include "routine.h"
#include "xmalloc.h"
#include "ytree.h"

/* The keys of each mapping, in the order of its enum ("!": required). */
enum { R_NAME, R_EXERCISES, R_NKEYS };
static const char *const routine_keys[R_NKEYS] = { "name!", "exercises!" };

enum { I_ID, I_SETS, I_REPS, I_HOLD, I_BREATHS, I_PER_SIDE, I_NKEYS };
static const char *const item_keys[I_NKEYS] = {
	"id!", "sets", "reps", "hold_s", "breaths", "per_side"
};

#define ROUTINE_LIMIT	600

/* Whether the line at p, after its indent and a "- ", opens with key:. */
static int
line_key(const char *p, const char *end, const char *key)
{
	size_t	n = strlen(key);

	while (p < end && (*p == ' ' || *p == '-'))
		p++;
	return ((size_t)(end - p) > n && strncmp(p, key, n) == 0 &&
	    p[n] == ':');
}

int
routine_looks_like(const char *buf, size_t len)
{
	/* Keys only a catalog entry has; name and kind it must have. */
	static const char *const catalog_only[] = {
		"name", "kind", "stage", "dose", "steps", "cues", NULL
	};
	const char	*p = buf, *end = buf + len;
	size_t		 i;
	int		 ids = 0;

	/*
	 * A line starting "name:" at the top level; or, for a routine that
	 * lacks its name, exercises with an id and none of the keys every
	 * catalog entry has, so check reports the routine's one true error
	 * rather than a catalog's dozen.
	 */
	while (p < end) {
		if (end - p >= 5 && strncmp(p, "name:", 5) == 0)
			return (1);
		for (i = 0; catalog_only[i] != NULL; i++)
			if (line_key(p, end, catalog_only[i]))
				return (0);
		ids |= line_key(p, end, "id");
		if ((p = memchr(p, '\n', (size_t)(end - p))) == NULL)
			break;
		p++;
	}
	return (ids);
}

static int
read_item(struct ytree *t, yaml_node_t *n, const struct catalog *c,
    struct plan_item *it)
{
	yaml_node_t		*f[I_NKEYS];
	const struct exercise	*e = NULL;
	const char		*id, *guess;
	size_t			 before = t->diag->n;
	long			 v;
	int			*vals[] = { NULL, &it->rx.sets, &it->rx.reps,
				    &it->rx.hold_s, &it->rx.breaths };
	int			 k;

	memset(it, 0, sizeof *it);
	it->rx.sets = 1;
	if (ytree_keys(t, n, item_keys, I_NKEYS, f, "routine exercise") == -1)
		return (-1);
	if (f[I_ID] != NULL && (id = ytree_str(t, f[I_ID], "id")) != NULL) {
		if ((e = catalog_find(c, id)) == NULL) {
			guess = catalog_suggest(c, id);
			if (guess != NULL)
				diag_add(t->diag, t->file, ytree_line(f[I_ID]),
				    "unknown exercise '%s' (did you mean "
				    "'%s'?)", id, guess);
			else
				diag_add(t->diag, t->file, ytree_line(f[I_ID]),
				    "unknown exercise '%s'", id);
		}
	}
	for (k = I_SETS; k <= I_BREATHS; k++)
		if (f[k] != NULL && ytree_int(t, f[k], item_keys[k], 1,
		    ROUTINE_LIMIT, &v) == 0)
			*vals[k] = (int)v;
	if (f[I_PER_SIDE] != NULL)
		ytree_bool(t, f[I_PER_SIDE], "per_side", &it->rx.per_side);
	if (f[I_REPS] == NULL && f[I_HOLD] == NULL && f[I_BREATHS] == NULL)
		diag_add(t->diag, t->file, ytree_line(n), "routine exercise "
		    "needs 'reps', 'hold_s' or 'breaths'");
	if (f[I_BREATHS] != NULL && (f[I_REPS] != NULL || f[I_HOLD] != NULL))
		diag_add(t->diag, t->file, ytree_line(f[I_BREATHS]),
		    "'breaths' cannot be combined with 'reps' or 'hold_s'");
	if (t->diag->n != before)
		return (-1);
	it->ex = e;
	it->rx.tempo_s = e->dose.tempo_s;
	it->duration_s = dose_duration_s(&it->rx);
	return (0);
}

int
routine_parse(const char *file, const char *buf, size_t len,
    const struct catalog *c, struct plan *p, char **name, struct diag *d)
{
	struct ytree	 t;
	yaml_node_t	*root, *f[R_NKEYS];
	const char	*s;
	size_t		 before = d->n;
	int		 n, i;

	memset(p, 0, sizeof *p);
	*name = NULL;
	if ((root = ytree_load(&t, file, buf, len, d)) == NULL)
		goto out;
	if (ytree_keys(&t, root, routine_keys, R_NKEYS, f, "routine") == -1)
		goto out;
	if (f[R_NAME] != NULL && (s = ytree_str(&t, f[R_NAME], "name")) != NULL)
		*name = xstrdup(s);
	if (f[R_EXERCISES] == NULL ||
	    (n = ytree_seq_len(&t, f[R_EXERCISES], "exercises")) < 0)
		goto out;
	if (n == 0) {
		diag_add(d, file, ytree_line(f[R_EXERCISES]),
		    "no exercises listed");
		goto out;
	}
	p->items = xcalloc(n, sizeof *p->items);
	for (i = 0; i < n; i++) {
		if (read_item(&t, ytree_seq_item(&t, f[R_EXERCISES], i),
		    c, &p->items[p->n]) == 0) {
			p->total_s += p->items[p->n].duration_s;
			p->n++;
		}
	}
	/* Played in the order written, with the plans' changes of position. */
	plan_mark(p);
out:
	ytree_release(&t);
	if (d->n != before) {
		diag_sort(d);
		plan_release(p);
		free(*name);
		*name = NULL;
		return (-1);
	}
	return (0);
}
