/*
 * catalog.c -- load the exercise catalog from YAML text and validate it.
 *
 * The loader walks libyaml's document tree (see ytree.h for why not
 * libcyaml) and checks every entry completely, collecting each problem
 * with its line, so one run of `midback check` shows all of them. A file
 * with any problem yields no catalog at all.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "names.h"
#include "xmalloc.h"
#include "ytree.h"

static const char *const kind_names[KIND_COUNT] = {
	"breathing", "mobility", "stretch", "strength", "posture"
};
static const char *const motion_names[MOTION_COUNT] = {
	"extension", "flexion", "side-bend", "rotation"
};
static const char *const place_names[PLACE_COUNT] = {
	"desk", "floor", "wall", "doorway"
};
static const char *const ground_names[GROUND_COUNT] = {
	"floor", "up", "either"
};
static const char *const equip_names[EQUIP_COUNT] = {
	"chair", "wall", "doorway", "band", "dumbbell"
};
static const char *const limit_names[LIMIT_COUNT] = {
	"osteoporosis", "shoulder-instability", "cannot-kneel",
	"late-pregnancy"
};

const struct names catalog_kinds = NAMES(kind_names);
const struct names catalog_motions = NAMES(motion_names);
const struct names catalog_places = NAMES(place_names);
const struct names catalog_grounds = NAMES(ground_names);
const struct names catalog_equips = NAMES(equip_names);
const struct names catalog_limits = NAMES(limit_names);

/* The keys of each mapping, in the order of its enum ("!": required). */
enum {
	K_ID, K_NAME, K_KIND, K_STAGE, K_MOTIONS, K_TARGETS, K_POSITION,
	K_PLACES, K_EQUIPMENT, K_DOSE, K_STEPS, K_CUES, K_CAUTIONS,
	K_REGRESSION, K_SUITS, K_WHY, K_SOURCE, K_FIGURE, K_VARIANTS,
	K_NOT_FOR, K_FEEL, K_HARDER, K_UNLOCK, K_GROUND, K_NKEYS
};
static const char *const exercise_keys[K_NKEYS] = {
	"id!", "name!", "kind!", "stage!", "motions!", "targets!",
	"position!", "places!", "equipment!", "dose!", "steps!", "cues!",
	"cautions", "regression", "suits!", "why!", "source!", "figure",
	"variants", "not_for", "feel", "harder", "unlock_after", "ground"
};

enum {
	D_SETS, D_REPS, D_HOLD, D_BREATHS, D_PER_SIDE, D_TEMPO, D_FREQ,
	D_NKEYS
};
static const char *const dose_keys[D_NKEYS] = {
	"sets", "reps", "hold_s", "breaths", "per_side", "tempo_s",
	"frequency_min"
};

static const char *const range_keys[] = { "min!", "max!" };
static const char *const top_keys[] = { "exercises!" };

/* Upper bounds that catch typos without limiting real use. */
#define RANGE_LIMIT	600
#define TEMPO_LIMIT	60
#define FREQ_LIMIT	(24 * 60)
#define UNLOCK_LIMIT	20

static void
strlist_free(struct strlist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
exercise_release(struct exercise *e)
{
	free(e->figure);
	free(e->file);
	if (!e->borrowed) {
		free(e->id);
		free(e->name);
		strlist_free(&e->targets);
		free(e->position);
		strlist_free(&e->steps);
		strlist_free(&e->cues);
		strlist_free(&e->cautions);
		free(e->regression);
		strlist_free(&e->variants);
		free(e->feel);
		free(e->harder);
		strlist_free(&e->suits);
		free(e->why);
		strlist_free(&e->source);
	}
	memset(e, 0, sizeof *e);
}

void
catalog_free(struct catalog *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		exercise_release(&c->ex[i]);
	free(c->ex);
	free(c);
}

int
catalog_variants(const struct exercise *a, const struct exercise *b)
{
	size_t	i;

	for (i = 0; i < a->variants.n; i++)
		if (strcmp(a->variants.v[i], b->id) == 0)
			return (1);
	for (i = 0; i < b->variants.n; i++)
		if (strcmp(b->variants.v[i], a->id) == 0)
			return (1);
	return (0);
}

int
catalog_equip_parse(const char *s)
{
	if (strcmp(s, "none") == 0)
		return (0);
	return (name_find_bit(&catalog_equips, s));
}

static int
valid_id(const char *s)
{
	const char	*p;

	if (!islower((unsigned char)*s))
		return (0);
	for (p = s; *p != '\0'; p++) {
		if (*p == '-') {
			if (p[1] == '-' || p[1] == '\0')
				return (0);
		} else if (!islower((unsigned char)*p) &&
		    !isdigit((unsigned char)*p))
			return (0);
	}
	return (1);
}

/* Read a list of non-empty strings. Returns 0 or -1. */
static int
read_strlist(struct ytree *t, yaml_node_t *n, const char *key, int min,
    struct strlist *out)
{
	const char	*s;
	int		 len, i, bad = 0;

	if ((len = ytree_seq_len(t, n, key)) < 0)
		return (-1);
	if (len < min) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must list at least %d item%s", key, min,
		    min == 1 ? "" : "s");
		return (-1);
	}
	out->v = xcalloc(len, sizeof *out->v);
	out->n = 0;
	for (i = 0; i < len; i++) {
		if ((s = ytree_seq_str(t, n, i, key, NULL)) == NULL)
			bad = 1;
		else
			out->v[out->n++] = xstrdup(s);
	}
	return (bad ? -1 : 0);
}

/*
 * Read a list of names into a bit set. zero_name, if not NULL, is the
 * name of the empty set ("none"), which must then stand alone.
 */
static int
read_bits(struct ytree *t, yaml_node_t *n, const char *key, const char *noun,
    const struct names *names, const char *zero_name, unsigned *out)
{
	yaml_node_t	*item;
	const char	*s;
	char		*expect;
	int		 len, i, bit, bad = 0, zero = 0;

	*out = 0;
	if ((len = ytree_seq_len(t, n, key)) < 0)
		return (-1);
	if (len == 0 && zero_name != NULL) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must not be empty (use [%s])", key, zero_name);
		return (-1);
	}
	for (i = 0; i < len; i++) {
		if ((s = ytree_seq_str(t, n, i, key, &item)) == NULL) {
			bad = 1;
			continue;
		}
		if (zero_name != NULL && strcmp(s, zero_name) == 0)
			bit = 0;
		else
			bit = name_find_bit(names, s);
		if (bit == -1) {
			expect = name_list(names, zero_name);
			diag_add(t->diag, t->file, ytree_line(item),
			    "bad %s '%s' (expected %s)", noun, s, expect);
			free(expect);
			bad = 1;
			continue;
		}
		if (bit == 0)
			zero = 1;
		else if (*out & (unsigned)bit) {
			diag_add(t->diag, t->file, ytree_line(item),
			    "'%s' lists '%s' twice", key, s);
			bad = 1;
		}
		*out |= (unsigned)bit;
	}
	if (!bad && zero && *out != 0) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s': '%s' cannot be combined with other items", key,
		    zero_name);
		bad = 1;
	}
	return (bad ? -1 : 0);
}

/* Read a range: an integer, or {min: N, max: N}. Returns 0 or -1. */
static int
read_range(struct ytree *t, yaml_node_t *n, const char *key, struct range *r)
{
	yaml_node_t	*f[2];
	long		 lo, hi;
	char		*what;
	int		 bad;

	if (n->type == YAML_SCALAR_NODE) {
		if (ytree_int(t, n, key, 1, RANGE_LIMIT, &lo) == -1)
			return (-1);
		r->min = r->max = (int)lo;
		return (0);
	}
	what = xasprintf("dose '%s'", key);
	bad = ytree_keys(t, n, range_keys, 2, f, what);
	free(what);
	if (bad == -1 || f[0] == NULL || f[1] == NULL)
		return (-1);
	bad = ytree_int(t, f[0], "min", 1, RANGE_LIMIT, &lo);
	bad |= ytree_int(t, f[1], "max", 1, RANGE_LIMIT, &hi);
	if (bad)
		return (-1);
	if (lo > hi) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "dose '%s': min %ld is above max %ld", key, lo, hi);
		return (-1);
	}
	r->min = (int)lo;
	r->max = (int)hi;
	return (0);
}

/* An optional whole number 1..hi: 0 (*out set if n is not NULL), or -1. */
static int
read_count(struct ytree *t, yaml_node_t *n, const char *key, long hi,
    int *out)
{
	long	v;

	if (n == NULL)
		return (0);
	if (ytree_int(t, n, key, 1, hi, &v) == -1)
		return (-1);
	*out = (int)v;
	return (0);
}

static int
read_dose(struct ytree *t, yaml_node_t *n, struct dose *d)
{
	yaml_node_t	*f[D_NKEYS];
	struct range	*ranges[] = { &d->sets, &d->reps, &d->hold_s,
			    &d->breaths };
	int		 i, bad = 0;

	memset(d, 0, sizeof *d);
	if (ytree_keys(t, n, dose_keys, D_NKEYS, f, "dose") == -1)
		return (-1);
	for (i = D_SETS; i <= D_BREATHS; i++)
		if (f[i] != NULL &&
		    read_range(t, f[i], dose_keys[i], ranges[i]) == -1)
			bad = 1;
	if (f[D_PER_SIDE] != NULL &&
	    ytree_bool(t, f[D_PER_SIDE], "per_side", &d->per_side) == -1)
		bad = 1;
	bad |= read_count(t, f[D_TEMPO], "tempo_s", TEMPO_LIMIT,
	    &d->tempo_s) == -1;
	bad |= read_count(t, f[D_FREQ], "frequency_min", FREQ_LIMIT,
	    &d->frequency_min) == -1;
	if (bad)
		return (-1);
	if (f[D_REPS] == NULL && f[D_HOLD] == NULL && f[D_BREATHS] == NULL) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "dose needs 'reps', 'hold_s' or 'breaths'");
		return (-1);
	}
	if (f[D_BREATHS] != NULL && (f[D_REPS] != NULL || f[D_HOLD] != NULL)) {
		diag_add(t->diag, t->file, ytree_line(f[D_BREATHS]),
		    "dose 'breaths' cannot be combined with 'reps' or 'hold_s'");
		return (-1);
	}
	return (0);
}

static int
read_text(struct ytree *t, yaml_node_t *n, const char *key, char **out)
{
	const char	*s;

	if ((s = ytree_str(t, n, key)) == NULL)
		return (-1);
	*out = xstrdup(s);
	return (0);
}

/*
 * Read one exercise entry into e. Returns 0 if the entry is sound, -1 if
 * anything was reported. e is filled as far as possible either way, and
 * e->id is set whenever the id itself was readable.
 */
static int
read_exercise(struct ytree *t, yaml_node_t *n, struct exercise *e)
{
	yaml_node_t	*f[K_NKEYS];
	const char	*s;
	char		*what, *expect;
	size_t		 before = t->diag->n;
	long		 v;
	int		 k;

	memset(e, 0, sizeof *e);
	e->file = xstrdup(t->file);
	e->line = ytree_line(n);
	what = xstrdup("exercise");
	if (n->type == YAML_MAPPING_NODE) {
		/* Find the id first, so the messages can name the entry. */
		yaml_node_t *tmp[K_NKEYS];
		struct diag quiet = DIAG_INIT, *saved = t->diag;

		t->diag = &quiet;
		ytree_keys(t, n, exercise_keys, K_NKEYS, tmp, what);
		t->diag = saved;
		diag_release(&quiet);
		if (tmp[K_ID] != NULL && tmp[K_ID]->type == YAML_SCALAR_NODE &&
		    tmp[K_ID]->data.scalar.length > 0) {
			free(what);
			what = xasprintf("exercise '%s'",
			    (char *)tmp[K_ID]->data.scalar.value);
		}
	}
	if (ytree_keys(t, n, exercise_keys, K_NKEYS, f, what) == -1) {
		free(what);
		return (-1);
	}
	free(what);

	if (f[K_ID] != NULL && (s = ytree_str(t, f[K_ID], "id")) != NULL) {
		if (!valid_id(s))
			diag_add(t->diag, t->file, ytree_line(f[K_ID]),
			    "bad id '%s' (use lowercase words joined by "
			    "hyphens, like open-book)", s);
		else
			e->id = xstrdup(s);
	}
	if (f[K_NAME] != NULL)
		read_text(t, f[K_NAME], "name", &e->name);
	if (f[K_KIND] != NULL && (s = ytree_str(t, f[K_KIND], "kind")) != NULL) {
		if ((k = name_find(&catalog_kinds, s)) == -1) {
			expect = name_list(&catalog_kinds, NULL);
			diag_add(t->diag, t->file, ytree_line(f[K_KIND]),
			    "bad kind '%s' (expected %s)", s, expect);
			free(expect);
		} else
			e->kind = (enum ex_kind)k;
	}
	if (f[K_STAGE] != NULL &&
	    ytree_int(t, f[K_STAGE], "stage", 0, STAGE_MAX, &v) == 0)
		e->stage = (int)v;
	if (f[K_MOTIONS] != NULL)
		read_bits(t, f[K_MOTIONS], "motions", "motion",
		    &catalog_motions, NULL, &e->motions);
	if (f[K_TARGETS] != NULL)
		read_strlist(t, f[K_TARGETS], "targets", 1, &e->targets);
	if (f[K_POSITION] != NULL)
		read_text(t, f[K_POSITION], "position", &e->position);
	if (f[K_PLACES] != NULL) {
		read_bits(t, f[K_PLACES], "places", "place",
		    &catalog_places, NULL, &e->places);
		if (e->places == 0 && f[K_PLACES]->type == YAML_SEQUENCE_NODE &&
		    ytree_seq_len(t, f[K_PLACES], "places") == 0)
			diag_add(t->diag, t->file, ytree_line(f[K_PLACES]),
			    "'places' must list at least 1 item");
	}
	if (f[K_GROUND] != NULL &&
	    (s = ytree_str(t, f[K_GROUND], "ground")) != NULL) {
		if ((k = name_find(&catalog_grounds, s)) == -1) {
			expect = name_list(&catalog_grounds, NULL);
			diag_add(t->diag, t->file, ytree_line(f[K_GROUND]),
			    "bad ground '%s' (expected %s)", s, expect);
			free(expect);
		} else {
			e->ground = (enum ex_ground)k;
			e->ground_line = ytree_line(f[K_GROUND]);
		}
	}
	if (e->ground_line == 0)
		/* Not given: what the rooms allow (a guess, for old files). */
		e->ground = !(e->places & PLACE_FLOOR) ? GROUND_UP :
		    !(e->places & PLACE_DESK) ? GROUND_FLOOR : GROUND_EITHER;
	else if (e->ground == GROUND_FLOOR && e->places != 0 &&
	    !(e->places & PLACE_FLOOR))
		diag_add(t->diag, t->file, e->ground_line,
		    "'ground: floor' needs floor in 'places'");
	if (f[K_EQUIPMENT] != NULL)
		read_bits(t, f[K_EQUIPMENT], "equipment", "equipment",
		    &catalog_equips, "none", &e->equipment);
	if (f[K_DOSE] != NULL)
		read_dose(t, f[K_DOSE], &e->dose);
	if (f[K_STEPS] != NULL)
		read_strlist(t, f[K_STEPS], "steps", 1, &e->steps);
	if (f[K_CUES] != NULL)
		read_strlist(t, f[K_CUES], "cues", 1, &e->cues);
	if (f[K_CAUTIONS] != NULL)
		read_strlist(t, f[K_CAUTIONS], "cautions", 0, &e->cautions);
	if (f[K_REGRESSION] != NULL &&
	    read_text(t, f[K_REGRESSION], "regression", &e->regression) == 0)
		e->regression_line = ytree_line(f[K_REGRESSION]);
	if (f[K_SUITS] != NULL)
		read_strlist(t, f[K_SUITS], "suits", 1, &e->suits);
	if (f[K_WHY] != NULL)
		read_text(t, f[K_WHY], "why", &e->why);
	if (f[K_SOURCE] != NULL)
		read_strlist(t, f[K_SOURCE], "source", 1, &e->source);
	if (f[K_FIGURE] != NULL) {
		e->figure = xmalloc(sizeof *e->figure);
		if (fig_spec_read(t, f[K_FIGURE], e->figure) == -1) {
			free(e->figure);
			e->figure = NULL;
		}
	}
	if (f[K_VARIANTS] != NULL &&
	    read_strlist(t, f[K_VARIANTS], "variants", 1, &e->variants) == 0)
		e->variants_line = ytree_line(f[K_VARIANTS]);
	if (f[K_NOT_FOR] != NULL)
		read_bits(t, f[K_NOT_FOR], "not_for", "condition",
		    &catalog_limits, NULL, &e->not_for);
	if (f[K_FEEL] != NULL)
		read_text(t, f[K_FEEL], "feel", &e->feel);
	if (f[K_HARDER] != NULL &&
	    read_text(t, f[K_HARDER], "harder", &e->harder) == 0)
		e->harder_line = ytree_line(f[K_HARDER]);
	if (f[K_UNLOCK] != NULL &&
	    ytree_int(t, f[K_UNLOCK], "unlock_after", 1, UNLOCK_LIMIT, &v) == 0)
		e->unlock_after = (int)v;
	if (f[K_UNLOCK] != NULL && f[K_HARDER] == NULL)
		diag_add(t->diag, t->file, ytree_line(f[K_UNLOCK]),
		    "'unlock_after' needs a 'harder' exercise to unlock");
	if (e->id != NULL && e->harder != NULL &&
	    strcmp(e->id, e->harder) == 0)
		diag_add(t->diag, t->file, e->harder_line,
		    "exercise '%s' names itself as its harder option", e->id);
	if (e->id != NULL && e->regression != NULL &&
	    strcmp(e->id, e->regression) == 0)
		diag_add(t->diag, t->file, e->regression_line,
		    "exercise '%s' names itself as its regression", e->id);
	return (t->diag->n == before ? 0 : -1);
}

const struct exercise *
catalog_find(const struct catalog *c, const char *id)
{
	size_t	i;

	if (c == NULL)
		return (NULL);
	for (i = 0; i < c->n; i++)
		if (strcmp(c->ex[i].id, id) == 0)
			return (&c->ex[i]);
	return (NULL);
}

/* An id in c, else in base; NULL if in neither. */
static const struct exercise *
lookup(const struct catalog *c, const struct catalog *base, const char *id)
{
	const struct exercise	*e;

	if (id == NULL)
		return (NULL);
	if ((e = catalog_find(c, id)) != NULL)
		return (e);
	return (catalog_find(base, id));
}

/* The first name among the bits of set, for messages. */
static const char *
first_name(unsigned set, const struct names *names)
{
	unsigned	bit;

	for (bit = 1; bit != 0; bit <<= 1)
		if (set & bit)
			return (name_of_bit(names, bit));
	return ("?");
}

static int
share_target(const struct exercise *a, const struct exercise *b)
{
	size_t	i, j;

	for (i = 0; i < a->targets.n; i++)
		for (j = 0; j < b->targets.n; j++)
			if (strcmp(a->targets.v[i], b->targets.v[j]) == 0)
				return (1);
	return (0);
}

/* Variants name other entries, never the entry itself. */
static void
check_variants(const struct catalog *c, const struct catalog *base,
    const struct exercise *e, const char *file, struct diag *d)
{
	size_t	i;

	for (i = 0; i < e->variants.n; i++) {
		if (strcmp(e->variants.v[i], e->id) == 0)
			diag_add(d, file, e->variants_line,
			    "exercise '%s' names itself as its variant",
			    e->id);
		else if (lookup(c, base, e->variants.v[i]) == NULL)
			diag_add(d, file, e->variants_line,
			    "exercise '%s': unknown variant '%s'", e->id,
			    e->variants.v[i]);
	}
}

/*
 * An easier option trains the same thing more gently, and asks for
 * nothing the harder one did not: no loop back to the exercise, the
 * same motions (at least), strength for strength, no equipment, place
 * or condition the harder one does not allow, and, for an exercise with
 * no spinal motion, a target in common.
 */
static void
check_easier(const struct catalog *c, const struct catalog *base,
    const struct exercise *e, const char *file, struct diag *d)
{
	const struct exercise	*r, *p;
	unsigned		 missing;
	size_t			 steps;

	if ((r = lookup(c, base, e->regression)) == NULL || r == e)
		return;
	for (p = r, steps = 0; p != NULL && steps <= c->n + 1; steps++) {
		if (p == e || strcmp(p->id, e->id) == 0) {
			diag_add(d, file, e->regression_line,
			    "exercise '%s': easier options loop back to it "
			    "(through '%s')", e->id, r->id);
			break;
		}
		p = lookup(c, base, p->regression);
	}
	if ((missing = r->equipment & ~e->equipment) != 0)
		diag_add(d, file, e->regression_line,
		    "exercise '%s': easier option '%s' needs a %s, which "
		    "'%s' does not", e->id, r->id,
		    first_name(missing, &catalog_equips), e->id);
	if ((missing = e->places & (PLACE_DESK | PLACE_FLOOR) & ~r->places)
	    != 0)
		diag_add(d, file, e->regression_line,
		    "exercise '%s': easier option '%s' cannot be done %s, "
		    "where '%s' can", e->id, r->id,
		    (missing & PLACE_DESK) ? "at a desk" : "on the floor",
		    e->id);
	if ((missing = r->not_for & ~e->not_for) != 0)
		diag_add(d, file, e->regression_line,
		    "exercise '%s': easier option '%s' is not for %s, which "
		    "'%s' allows", e->id, r->id,
		    first_name(missing, &catalog_limits), e->id);
	if ((missing = e->motions & ~r->motions) != 0)
		diag_add(d, file, e->regression_line,
		    "exercise '%s': easier option '%s' does not train %s, "
		    "which '%s' does", e->id, r->id,
		    first_name(missing, &catalog_motions), e->id);
	/*
	 * Strength may ease into the same movement without the load (the
	 * easiest strength exercise of a line needs an easier option too),
	 * never the other way round.
	 */
	if (r->kind == KIND_STRENGTH && e->kind != KIND_STRENGTH)
		diag_add(d, file, e->regression_line,
		    "exercise '%s': easier option '%s' is a strength "
		    "exercise and '%s' is not", e->id, r->id, e->id);
	else if ((e->kind == KIND_BREATHING) != (r->kind == KIND_BREATHING))
		diag_add(d, file, e->regression_line,
		    "exercise '%s': easier option '%s' %s a breathing "
		    "drill and '%s' %s", e->id, r->id,
		    r->kind == KIND_BREATHING ? "is" : "is not", e->id,
		    e->kind == KIND_BREATHING ? "is" : "is not");
	if (e->motions == 0 && !share_target(e, r))
		diag_add(d, file, e->regression_line,
		    "exercise '%s': easier option '%s' trains something "
		    "else (no target in common)", e->id, r->id);
}

/*
 * A harder option (a progression the program unlocks) trains the same
 * motions, can be done somewhere the exercise can, and following harder
 * options never comes back to the exercise.
 */
static void
check_harder(const struct catalog *c, const struct catalog *base,
    const struct exercise *e, const char *file, struct diag *d)
{
	const struct exercise	*h, *p;
	const char		*guess;
	unsigned		 missing;
	size_t			 steps;

	if (e->harder == NULL)
		return;
	if ((h = lookup(c, base, e->harder)) == NULL) {
		if ((guess = catalog_suggest(c, e->harder)) == NULL &&
		    base != NULL)
			guess = catalog_suggest(base, e->harder);
		if (guess != NULL)
			diag_add(d, file, e->harder_line, "exercise '%s': "
			    "unknown harder option '%s' (did you mean '%s'?)",
			    e->id, e->harder, guess);
		else
			diag_add(d, file, e->harder_line, "exercise '%s': "
			    "unknown harder option '%s'", e->id, e->harder);
		return;
	}
	for (p = h, steps = 0; p != NULL && steps <= c->n + 1; steps++) {
		if (p == e || strcmp(p->id, e->id) == 0) {
			diag_add(d, file, e->harder_line,
			    "exercise '%s': harder options loop back to it "
			    "(through '%s')", e->id, h->id);
			break;
		}
		p = lookup(c, base, p->harder);
	}
	if ((missing = e->motions & ~h->motions) != 0)
		diag_add(d, file, e->harder_line,
		    "exercise '%s': harder option '%s' does not train %s, "
		    "which '%s' does", e->id, h->id,
		    first_name(missing, &catalog_motions), e->id);
	else if ((missing = h->motions & ~e->motions) != 0)
		diag_add(d, file, e->harder_line,
		    "exercise '%s': harder option '%s' trains %s, which "
		    "'%s' does not", e->id, h->id,
		    first_name(missing, &catalog_motions), e->id);
	if ((h->places & e->places) == 0)
		diag_add(d, file, e->harder_line,
		    "exercise '%s': harder option '%s' needs a place "
		    "'%s' is never done in", e->id, h->id, e->id);
	if (h->kind == KIND_BREATHING && e->kind != KIND_BREATHING)
		diag_add(d, file, e->harder_line,
		    "exercise '%s': harder option '%s' is a breathing "
		    "drill and '%s' is not", e->id, h->id, e->id);
}

struct catalog *
catalog_parse(const char *file, const char *buf, size_t len,
    const struct catalog *base, struct diag *d)
{
	struct ytree	 t;
	struct catalog	*c = NULL;
	struct exercise	*e;
	yaml_node_t	*root, *top[1], *list;
	size_t		 before = d->n, i, j;
	int		 n, k;

	if ((root = ytree_load(&t, file, buf, len, d)) == NULL)
		goto out;
	if (ytree_keys(&t, root, top_keys, 1, top, "catalog") == -1 ||
	    top[0] == NULL)
		goto out;
	list = top[0];
	if ((n = ytree_seq_len(&t, list, "exercises")) < 0)
		goto out;
	c = xcalloc(1, sizeof *c);
	c->ex = xcalloc(n, sizeof *c->ex);
	for (k = 0; k < n; k++) {
		e = &c->ex[c->n];
		read_exercise(&t, ytree_seq_item(&t, list, k), e);
		if (e->id == NULL) {
			exercise_release(e);
			continue;
		}
		for (i = 0; i < c->n; i++)
			if (strcmp(c->ex[i].id, e->id) == 0)
				break;
		if (i < c->n) {
			diag_add(d, file, e->line,
			    "duplicate id '%s' (first at line %lu)", e->id,
			    c->ex[i].line);
			exercise_release(e);
			continue;
		}
		c->n++;
	}
	for (i = 0; i < c->n; i++) {
		e = &c->ex[i];
		if (e->regression == NULL)
			continue;
		for (j = 0; j < c->n; j++)
			if (strcmp(c->ex[j].id, e->regression) == 0)
				break;
		if (j == c->n && catalog_find(base, e->regression) == NULL) {
			const char *guess = catalog_suggest(c, e->regression);

			if (guess == NULL && base != NULL)
				guess = catalog_suggest(base, e->regression);
			if (guess != NULL)
				diag_add(d, file, e->regression_line,
				    "exercise '%s': unknown regression '%s' "
				    "(did you mean '%s'?)", e->id,
				    e->regression, guess);
			else
				diag_add(d, file, e->regression_line,
				    "exercise '%s': unknown regression '%s'",
				    e->id, e->regression);
		}
	}
	/* How entries relate, once each entry is sound on its own. */
	if (d->n == before) {
		for (i = 0; i < c->n; i++)
			check_variants(c, base, &c->ex[i], file, d);
		for (i = 0; i < c->n; i++) {
			check_easier(c, base, &c->ex[i], file, d);
			check_harder(c, base, &c->ex[i], file, d);
			if (c->ex[i].kind == KIND_STRENGTH &&
			    c->ex[i].regression == NULL)
				diag_add(d, file, c->ex[i].line,
				    "strength exercise '%s' has no easier "
				    "option (regression)", c->ex[i].id);
		}
	}
	if (n == 0)
		diag_add(d, file, ytree_line(list), "no exercises listed");
out:
	ytree_release(&t);
	if (d->n != before) {
		diag_sort(d);
		catalog_free(c);
		return (NULL);
	}
	return (c);
}

void
catalog_merge_take(struct catalog *c, struct catalog *add)
{
	struct exercise	*e;
	size_t		 i, j;

	c->ex = xreallocarray(c->ex, c->n + add->n, sizeof *c->ex);
	for (i = 0; i < add->n; i++) {
		for (j = 0; j < c->n; j++)
			if (strcmp(c->ex[j].id, add->ex[i].id) == 0)
				break;
		e = &c->ex[j];
		if (j < c->n)
			exercise_release(e);
		else
			c->n++;
		*e = add->ex[i];
	}
	free(add->ex);
	free(add);
}

size_t
catalog_distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, best;

	row = xcalloc(lb + 1, sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return (best);
}

const char *
catalog_suggest(const struct catalog *c, const char *id)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = (size_t)-1, len = strlen(id);

	for (i = 0; i < c->n; i++) {
		/* A prefix of an id is a good guess too: "open" -> open-book. */
		if (len >= 3 && strncmp(c->ex[i].id, id, len) == 0)
			d = 1;
		else
			d = catalog_distance(id, c->ex[i].id);
		if (d < bestd) {
			bestd = d;
			best = c->ex[i].id;
		}
	}
	/* Allow about one typo in three characters, at least two. */
	if (best == NULL || bestd > (len / 3 > 2 ? len / 3 : 2))
		return (NULL);
	return (best);
}

/* A borrowed list (see catalog_from_static()). */
static void
strlist_from(struct strlist *l, const char *const *v)
{
	size_t	n = 0;

	while (v[n] != NULL)
		n++;
	l->v = (char **)v;
	l->n = n;
}

/*
 * The built-in catalog's exercises point at its static strings and
 * lists rather than copying them (e->borrowed): copying and freeing
 * them was a quarter of the instructions of `midback today`. Nothing
 * writes to an exercise's strings once it is made, so the casts that
 * drop const below are never written through; exercise_release()
 * leaves borrowed ones alone.
 */
struct catalog *
catalog_from_static(const struct catalog_static *s, size_t n,
    const char *file)
{
	struct catalog	*c;
	struct exercise	*e;
	size_t		 i;

	c = xcalloc(1, sizeof *c);
	c->ex = xcalloc(n, sizeof *c->ex);
	for (i = 0; i < n; i++, s++) {
		e = &c->ex[c->n++];
		e->borrowed = 1;
		e->id = (char *)s->id;
		e->name = (char *)s->name;
		e->kind = (enum ex_kind)s->kind;
		e->stage = s->stage;
		e->motions = s->motions;
		e->places = s->places;
		e->ground = (enum ex_ground)s->ground;
		e->ground_line = s->ground_line;
		e->equipment = s->equipment;
		e->position = (char *)s->position;
		e->regression = (char *)s->regression;
		e->why = (char *)s->why;
		e->feel = (char *)s->feel;
		e->not_for = s->not_for;
		e->harder = (char *)s->harder;
		e->unlock_after = s->unlock_after;
		e->harder_line = s->harder_line;
		e->dose.sets = s->sets;
		e->dose.reps = s->reps;
		e->dose.hold_s = s->hold_s;
		e->dose.breaths = s->breaths;
		e->dose.per_side = s->per_side;
		e->dose.tempo_s = s->tempo_s;
		e->dose.frequency_min = s->frequency_min;
		strlist_from(&e->targets, s->targets);
		strlist_from(&e->steps, s->steps);
		strlist_from(&e->cues, s->cues);
		strlist_from(&e->cautions, s->cautions);
		strlist_from(&e->suits, s->suits);
		strlist_from(&e->source, s->source);
		strlist_from(&e->variants, s->variants);
		e->file = xstrdup(file);
		e->line = s->line;
		e->regression_line = s->regression_line;
		if (s->figure != NULL) {
			e->figure = xmalloc(sizeof *e->figure);
			memcpy(e->figure, s->figure, sizeof *e->figure);
		}
	}
	return (c);
}
