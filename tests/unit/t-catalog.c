/*
 * t-catalog.c -- the catalog loader: the built-in file, every kind of bad
 * input, overrides by id.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/catalog.h"

extern const char	midback_exercises_yaml[];
extern const size_t	midback_exercises_yaml_len;

/* A valid entry with the given dose lines (at line 11 of the file). */
#define ENTRY_DOSE(id, dose, extra)					\
	"  - id: " id "\n"						\
	"    name: Test exercise\n"					\
	"    kind: mobility\n"						\
	"    stage: 3\n"						\
	"    motions: [rotation]\n"					\
	"    targets: [thoracic spine]\n"				\
	"    position: seated\n"					\
	"    places: [desk]\n"						\
	"    equipment: [none]\n"					\
	"    dose:\n"							\
	dose								\
	"    steps: [Turn.]\n"						\
	"    cues: [Slowly.]\n"						\
	"    regression: seated-twist\n"				\
	"    suits: [desk workers]\n"					\
	"    why: A test.\n"						\
	"    source: [general practice]\n"				\
	extra

/* A valid entry, 19 lines long; tests splice faults into it. */
#define ENTRY(id, extra)						\
	ENTRY_DOSE(id, "      reps: {min: 5, max: 10}\n"		\
	    "      per_side: true\n", extra)

static struct catalog *base;

static int
setup(void **state)
{
	struct diag	d = DIAG_INIT;

	(void)state;
	base = catalog_parse("data/exercises.yaml", midback_exercises_yaml,
	    midback_exercises_yaml_len, NULL, &d);
	diag_release(&d);
	return (base == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	(void)state;
	catalog_free(base);
	return (0);
}

/* Parse text; the catalog must fail with exactly the expected messages. */
static void
expect_errors(const char *text, const char **want, size_t nwant)
{
	struct diag	 d = DIAG_INIT;
	struct catalog	*c;
	size_t		 i;

	c = catalog_parse("f.yaml", text, strlen(text), base, &d);
	assert_null(c);
	for (i = 0; i < d.n && i < nwant; i++)
		assert_string_equal(d.msgs[i], want[i]);
	assert_int_equal(d.n, nwant);
	diag_release(&d);
}

#define EXPECT(text, ...) do {						\
	const char *want_[] = { __VA_ARGS__ };				\
	expect_errors(text, want_, sizeof want_ / sizeof want_[0]);	\
} while (0)

static void
builtin_catalog_has_every_exercise(void **state)
{
	static const char *ids[] = {
		"diaphragmatic-breathing", "posture-reset", "chair-extension",
		"cat-cow-flow", "cat-cow-child", "wall-angel-seated",
		"wall-angel-standing", "chest-opener", "doorway-stretch",
		"cross-arm-stretch", "cows-head-stretch", "band-pull-apart",
		"side-bend-reach", "seated-twist", "thread-the-needle",
		"open-book", "quadruped-rotation", "dumbbell-twist",
		"side-plank-knees", "arms-crossed-turn", "chair-back-reach",
		"standing-rotation-reach", "seated-cat-cow", "w-squeeze",
		"seated-rib-expansion", "back-breathing", "breathing-90-90",
		"side-lying-rib-breathing", "crocodile-breathing",
		"breastbone-lift", "shoulder-rolls", "seated-side-bend",
		"seated-pelvic-rock", "seated-rotation-press", "side-bend-hold",
		"side-plank", "band-row", "prone-ytw", "band-rotation",
		"overhead-reach", "sphinx"
	};
	const struct exercise	*e;
	size_t			 i;

	(void)state;
	assert_int_equal(base->n, sizeof ids / sizeof ids[0]);
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		e = catalog_find(base, ids[i]);
		assert_non_null(e);
		if (e->regression != NULL) {
			assert_non_null(catalog_find(base, e->regression));
			assert_string_not_equal(e->regression, e->id);
		}
		assert_true(e->steps.n >= 1 && e->cues.n >= 1);
		assert_true(e->cautions.n >= 1);
		assert_non_null(e->feel);
	}
}

static void
builtin_doses_match_the_articles(void **state)
{
	const struct exercise	*e;

	(void)state;
	e = catalog_find(base, "open-book");
	assert_int_equal(e->dose.hold_s.min, 20);
	assert_int_equal(e->dose.hold_s.max, 30);
	assert_int_equal(e->dose.reps.min, 5);
	assert_int_equal(e->dose.reps.max, 10);
	assert_true(e->dose.per_side);
	e = catalog_find(base, "quadruped-rotation");
	assert_int_equal(e->dose.hold_s.min, 3);
	assert_int_equal(e->dose.hold_s.max, 5);
	assert_int_equal(e->dose.reps.min, 10);
	assert_int_equal(e->dose.reps.max, 15);
	assert_int_equal(e->dose.sets.min, 2);
	assert_int_equal(e->dose.sets.max, 3);
	e = catalog_find(base, "seated-twist");
	assert_int_equal(e->dose.breaths.min, 5);
	assert_int_equal(e->dose.breaths.max, 5);
	e = catalog_find(base, "cat-cow-child");
	assert_int_equal(e->dose.sets.min, 3);
	assert_int_equal(e->dose.reps.max, 10);
	e = catalog_find(base, "posture-reset");
	assert_int_equal(e->dose.reps.min, 10);
	assert_int_equal(e->dose.frequency_min, 60);
	e = catalog_find(base, "wall-angel-seated");
	assert_int_equal(e->dose.hold_s.min, 60);
	assert_int_equal(e->dose.frequency_min, 120);
	e = catalog_find(base, "cross-arm-stretch");
	assert_int_equal(e->dose.hold_s.min, 10);
	assert_int_equal(e->dose.hold_s.max, 30);
	assert_int_equal(e->dose.reps.min, 2);
	assert_int_equal(e->dose.reps.max, 4);
	e = catalog_find(base, "diaphragmatic-breathing");
	assert_int_equal(e->stage, 0);
	assert_int_equal(e->kind, KIND_BREATHING);
	assert_string_equal(e->source.v[0], "general practice");
}

static void
valid_file_loads_and_resolves_builtin_regressions(void **state)
{
	struct diag	 d = DIAG_INIT;
	struct catalog	*c;
	const char	*text = "exercises:\n" ENTRY("my-twist", "");

	(void)state;
	c = catalog_parse("f.yaml", text, strlen(text), base, &d);
	assert_non_null(c);
	assert_int_equal(d.n, 0);
	assert_int_equal(c->n, 1);
	assert_string_equal(c->ex[0].id, "my-twist");
	assert_int_equal(c->ex[0].line, 2);
	assert_int_equal(c->ex[0].motions, MOTION_ROTATION);
	assert_int_equal(c->ex[0].equipment, 0);
	catalog_free(c);
}

static void
not_yaml_is_reported_with_its_line(void **state)
{
	(void)state;
	EXPECT("exercises:\n  - id: [x\n",
	    "f.yaml:2: not valid YAML: did not find expected ',' or ']' "
	    "(the list opened on this line is not closed)");
	EXPECT("", "f.yaml:1: empty file: expected a YAML mapping");
	EXPECT("- a\n- b\n", "f.yaml:1: catalog: expected a mapping, "
	    "found a list");
}

static void
unknown_key_is_reported(void **state)
{
	(void)state;
	EXPECT("exercises:\n" ENTRY("a-b", "    hold: 5\n"),
	    "f.yaml:20: unknown key 'hold'");
	EXPECT("exercise:\n  - x\n", "f.yaml:1: unknown key 'exercise'",
	    "f.yaml:1: catalog: missing 'exercises'");
}

static void
missing_field_is_reported_at_the_entry(void **state)
{
	(void)state;
	EXPECT("exercises:\n"
	    "  - id: lonely\n"
	    "    name: Lonely\n"
	    "    kind: mobility\n"
	    "    stage: 1\n"
	    "    motions: [extension]\n"
	    "    targets: [x]\n"
	    "    position: seated\n"
	    "    places: [desk]\n"
	    "    equipment: [none]\n"
	    "    dose: {reps: 3}\n"
	    "    steps: [a]\n"
	    "    cues: [b]\n"
	    "    suits: [c]\n"
	    "    source: [d]\n",
	    "f.yaml:2: exercise 'lonely': missing 'why'");
}

static void
wrong_types_are_reported(void **state)
{
	const char	*text =
	    "exercises:\n"
	    "  - id: a-b\n"
	    "    name: [not, text]\n"
	    "    kind: mobility\n"
	    "    stage: three\n"
	    "    motions: rotation\n"
	    "    targets: [thoracic spine]\n"
	    "    position: seated\n"
	    "    places: [desk]\n"
	    "    equipment: [none]\n"
	    "    dose:\n"
	    "      reps: {min: 5, max: ten}\n"
	    "      per_side: maybe\n"
	    "    steps: [Turn.]\n"
	    "    cues: [Slowly.]\n"
	    "    regression: seated-twist\n"
	    "    suits: [desk workers]\n"
	    "    why: A test.\n"
	    "    source: [general practice]\n";

	(void)state;
	EXPECT(text,
	    "f.yaml:3: 'name' must be text, found a list",
	    "f.yaml:5: 'stage' must be a whole number, found 'three'",
	    "f.yaml:6: 'motions' must be a list, found a scalar",
	    "f.yaml:12: 'max' must be a whole number, found 'ten'",
	    "f.yaml:13: 'per_side' must be true or false, found 'maybe'");
}

static void
bad_enum_values_are_reported(void **state)
{
	(void)state;
	EXPECT("exercises:\n"
	    "  - id: a-b\n"
	    "    name: Test\n"
	    "    kind: yoga\n"
	    "    stage: 4\n"
	    "    motions: [twist]\n"
	    "    targets: [x]\n"
	    "    position: seated\n"
	    "    places: [beach]\n"
	    "    equipment: [rope]\n"
	    "    dose: {reps: 3}\n"
	    "    steps: [a]\n"
	    "    cues: [b]\n"
	    "    regression: seated-twist\n"
	    "    suits: [c]\n"
	    "    why: d\n"
	    "    source: [e]\n",
	    "f.yaml:4: bad kind 'yoga' (expected breathing, mobility, "
	    "stretch, strength or posture)",
	    "f.yaml:5: 'stage' must be from 0 to 3, found 4",
	    "f.yaml:6: bad motion 'twist' (expected extension, flexion, "
	    "side-bend or rotation)",
	    "f.yaml:9: bad place 'beach' (expected desk, floor, wall or "
	    "doorway)",
	    "f.yaml:10: bad equipment 'rope' (expected chair, wall, doorway, "
	    "band, dumbbell or none)");
}

/*
 * The body's level: read, refused with its line when unknown or floor
 * where places has no floor, and taken from places when left out.
 */
static void
ground_is_read_checked_or_taken_from_places(void **state)
{
	struct diag	 d = DIAG_INIT;
	struct catalog	*c;
	const char	*text;

	(void)state;
	text = "exercises:\n" ENTRY("a-up", "    ground: up\n")
	    ENTRY("a-either", "    ground: either\n") ENTRY("a-guess", "");
	c = catalog_parse("f.yaml", text, strlen(text), base, &d);
	assert_non_null(c);
	assert_int_equal(catalog_find(c, "a-up")->ground, GROUND_UP);
	assert_int_equal(catalog_find(c, "a-either")->ground, GROUND_EITHER);
	/* Only desk in places: up, as the rooms allow. */
	assert_int_equal(catalog_find(c, "a-guess")->ground, GROUND_UP);
	assert_int_equal(catalog_find(c, "a-guess")->ground_line, 0);
	assert_int_not_equal(catalog_find(c, "a-up")->ground_line, 0);
	catalog_free(c);
	diag_release(&d);
	EXPECT("exercises:\n" ENTRY("a-b", "    ground: sideways\n"),
	    "f.yaml:20: bad ground 'sideways' (expected floor, up or either)");
	EXPECT("exercises:\n" ENTRY("a-b", "    ground: [floor]\n"),
	    "f.yaml:20: 'ground' must be text, found a list");
	EXPECT("exercises:\n" ENTRY("a-b", "    ground: floor\n"),
	    "f.yaml:20: 'ground: floor' needs floor in 'places'");
}

/* Every built-in exercise says its level; a few read from its steps. */
static void
builtin_grounds_are_given(void **state)
{
	static const struct {
		const char	*id;
		enum ex_ground	 ground;
	} known[] = {
		{ "breathing-90-90", GROUND_FLOOR },	/* calves on a chair */
		{ "wall-angel-seated", GROUND_FLOOR },	/* on the floor */
		{ "open-book", GROUND_FLOOR },
		{ "diaphragmatic-breathing", GROUND_EITHER },
		{ "seated-twist", GROUND_EITHER },	/* or cross-legged */
		{ "back-breathing", GROUND_UP },	/* front of a chair */
		{ "seated-pelvic-rock", GROUND_UP },
		{ "standing-rotation-reach", GROUND_UP },
		{ "side-bend-reach", GROUND_UP },
		{ "band-row", GROUND_UP },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < base->n; i++)
		if (base->ex[i].ground_line == 0)
			fail_msg("%s: no ground", base->ex[i].id);
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		assert_int_equal(catalog_find(base, known[i].id)->ground,
		    known[i].ground);
}

static void
range_with_min_above_max_is_reported(void **state)
{
	(void)state;
	EXPECT("exercises:\n" ENTRY_DOSE("a-b",
	    "      hold_s: {min: 30, max: 20}\n", ""),
	    "f.yaml:12: dose 'hold_s': min 30 is above max 20");
	EXPECT("exercises:\n" ENTRY_DOSE("a-b", "      reps: 0\n", ""),
	    "f.yaml:12: 'reps' must be from 1 to 600, found 0");
	EXPECT("exercises:\n" ENTRY_DOSE("a-b", "      sets: {min: 2}\n"
	    "      reps: 5\n", ""),
	    "f.yaml:12: dose 'sets': missing 'max'");
}

static void
unknown_regression_and_duplicate_id_are_reported(void **state)
{
	const char	*text =
	    "exercises:\n" ENTRY("a-b", "") ENTRY("a-b", "");
	char		*bad;

	(void)state;
	EXPECT(text, "f.yaml:20: duplicate id 'a-b' (first at line 2)");
	bad = strdup(text);
	memcpy(strstr(bad, "seated-twist"), "seated-twizt", 12);
	EXPECT(bad, "f.yaml:16: exercise 'a-b': unknown regression "
	    "'seated-twizt' (did you mean 'seated-twist'?)",
	    "f.yaml:20: duplicate id 'a-b' (first at line 2)");
	free(bad);
}

static void
dose_rules_are_checked(void **state)
{
	(void)state;
	EXPECT("exercises:\n" ENTRY_DOSE("a-b", "      per_side: true\n", ""),
	    "f.yaml:12: dose needs 'reps', 'hold_s' or 'breaths'");
	EXPECT("exercises:\n" ENTRY_DOSE("a-b", "      breaths: 5\n"
	    "      reps: 5\n", ""),
	    "f.yaml:12: dose 'breaths' cannot be combined with 'reps' or "
	    "'hold_s'");
	EXPECT("exercises:\n" ENTRY_DOSE("a-b", "      reps: 5\n",
	    "    cautions: none\n"),
	    "f.yaml:19: 'cautions' must be a list, found a scalar");
}

static void
equipment_none_stands_alone_and_ids_are_kebab_case(void **state)
{
	const char	*text = "exercises:\n" ENTRY("Open_Book", "");

	(void)state;
	EXPECT(text, "f.yaml:2: bad id 'Open_Book' (use lowercase words "
	    "joined by hyphens, like open-book)");
	EXPECT("exercises:\n"
	    "  - id: a-b\n"
	    "    name: Test\n"
	    "    kind: mobility\n"
	    "    stage: 1\n"
	    "    motions: [extension, extension]\n"
	    "    targets: [x]\n"
	    "    position: seated\n"
	    "    places: [desk]\n"
	    "    equipment: [none, band]\n"
	    "    dose: {reps: 3}\n"
	    "    steps: [a]\n"
	    "    cues: [b]\n"
	    "    regression: seated-twist\n"
	    "    suits: [c]\n"
	    "    why: d\n"
	    "    source: [e]\n",
	    "f.yaml:6: 'motions' lists 'extension' twice",
	    "f.yaml:10: 'equipment': 'none' cannot be combined with other "
	    "items");
}

static void
overrides_replace_by_id_and_add_new_ones(void **state)
{
	struct diag	 d = DIAG_INIT;
	struct catalog	*c, *add;
	char		*text;
	size_t		 n;

	(void)state;
	c = catalog_parse("data/exercises.yaml", midback_exercises_yaml,
	    midback_exercises_yaml_len, NULL, &d);
	n = c->n;
	text = strdup("exercises:\n" ENTRY("open-book", "")
	    ENTRY("new-one", ""));
	add = catalog_parse("o.yaml", text, strlen(text), c, &d);
	assert_non_null(add);
	catalog_merge_take(c, add);
	assert_int_equal(c->n, n + 1);
	assert_string_equal(catalog_find(c, "open-book")->name,
	    "Test exercise");
	assert_non_null(catalog_find(c, "new-one"));
	catalog_free(c);
	free(text);
	diag_release(&d);
}

extern const struct catalog_static	catalog_builtin[];
extern const size_t			catalog_builtin_count;

static void
strlists_equal(const struct strlist *a, const struct strlist *b)
{
	size_t	i;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++)
		assert_string_equal(a->v[i], b->v[i]);
}

static void
compiled_in_catalog_equals_the_parsed_file(void **state)
{
	struct catalog		*c;
	const struct exercise	*a, *b;
	size_t			 i;

	(void)state;
	c = catalog_from_static(catalog_builtin, catalog_builtin_count,
	    "data/exercises.yaml");
	assert_int_equal(c->n, base->n);
	for (i = 0; i < c->n; i++) {
		a = &c->ex[i];
		b = &base->ex[i];
		assert_string_equal(a->id, b->id);
		assert_string_equal(a->name, b->name);
		assert_string_equal(a->position, b->position);
		if (a->regression != NULL || b->regression != NULL)
			assert_string_equal(a->regression, b->regression);
		if (a->feel != NULL || b->feel != NULL)
			assert_string_equal(a->feel, b->feel);
		assert_int_equal(a->not_for, b->not_for);
		strlists_equal(&a->variants, &b->variants);
		assert_string_equal(a->why, b->why);
		assert_int_equal(a->kind, b->kind);
		assert_int_equal(a->stage, b->stage);
		assert_int_equal(a->motions, b->motions);
		assert_int_equal(a->places, b->places);
		assert_int_equal(a->ground, b->ground);
		assert_int_equal(a->ground_line, b->ground_line);
		assert_int_equal(a->equipment, b->equipment);
		assert_memory_equal(&a->dose, &b->dose, sizeof a->dose);
		strlists_equal(&a->targets, &b->targets);
		strlists_equal(&a->steps, &b->steps);
		strlists_equal(&a->cues, &b->cues);
		strlists_equal(&a->cautions, &b->cautions);
		strlists_equal(&a->suits, &b->suits);
		strlists_equal(&a->source, &b->source);
		assert_int_equal(a->line, b->line);
	}
	catalog_free(c);
}

static void
suggest_finds_near_misses_only(void **state)
{
	(void)state;
	assert_string_equal(catalog_suggest(base, "open-bok"), "open-book");
	assert_string_equal(catalog_suggest(base, "open"), "open-book");
	assert_string_equal(catalog_suggest(base, "seated-twst"),
	    "seated-twist");
	assert_null(catalog_suggest(base, "handstand"));
}

/*
 * Every easier option in the built-in catalog, followed to the end of its
 * line: no loop, the same motions at least, strength for strength, and
 * nothing asked that the harder one did not (equipment, place,
 * condition).
 */
static void
builtin_easier_options_train_the_same_thing_gently(void **state)
{
	const struct exercise	*e, *r;
	size_t			 i, steps;

	(void)state;
	for (i = 0; i < base->n; i++) {
		e = &base->ex[i];
		for (steps = 0; e->regression != NULL; steps++) {
			assert_true(steps < base->n);
			r = catalog_find(base, e->regression);
			assert_non_null(r);
			assert_ptr_not_equal(r, &base->ex[i]);
			assert_int_equal(r->equipment & ~e->equipment, 0);
			assert_int_equal(e->places & (PLACE_DESK | PLACE_FLOOR) &
			    ~r->places, 0);
			assert_int_equal(r->not_for & ~e->not_for, 0);
			assert_int_equal(e->motions & ~r->motions, 0);
			/* Strength may ease into the unloaded movement. */
			if (r->kind == KIND_STRENGTH)
				assert_int_equal(e->kind, KIND_STRENGTH);
			e = r;
		}
	}
	/*
	 * Issue 22: every strength exercise has an easier option, and
	 * every harder option trains the same motions somewhere its base
	 * is done, with no loop.
	 */
	for (i = 0; i < base->n; i++) {
		e = &base->ex[i];
		if (e->kind == KIND_STRENGTH)
			assert_non_null(e->regression);
		for (steps = 0; e->harder != NULL; steps++) {
			assert_true(steps < base->n);
			r = catalog_find(base, e->harder);
			assert_non_null(r);
			assert_ptr_not_equal(r, &base->ex[i]);
			assert_int_equal(r->motions, e->motions);
			assert_int_not_equal(r->places & e->places, 0);
			e = r;
		}
	}
}

/* Shoulder stretches are labelled as such, not as spinal motions. */
static void
builtin_labels_say_only_what_is_trained(void **state)
{
	static const char *shoulder[] = {
		"cross-arm-stretch", "cows-head-stretch", "doorway-stretch"
	};
	static const char *kneeling[] = {
		"cat-cow-flow", "cat-cow-child", "thread-the-needle",
		"quadruped-rotation"
	};
	const struct exercise	*e;
	size_t			 i, j;

	(void)state;
	for (i = 0; i < sizeof shoulder / sizeof shoulder[0]; i++)
		assert_int_equal(catalog_find(base, shoulder[i])->motions, 0);
	for (i = 0; i < sizeof kneeling / sizeof kneeling[0]; i++) {
		e = catalog_find(base, kneeling[i]);
		assert_true(e->not_for & LIMIT_KNEELING);
		/* A way in without kneeling for the same motions. */
		for (j = 0; j < base->n; j++)
			if (!(base->ex[j].not_for & LIMIT_KNEELING) &&
			    (base->ex[j].motions & e->motions) == e->motions)
				break;
		assert_true(j < base->n);
	}
	assert_true(catalog_find(base, "doorway-stretch")->not_for &
	    LIMIT_SHOULDER);
	assert_true(catalog_find(base, "cows-head-stretch")->not_for &
	    LIMIT_SHOULDER);
	assert_true(catalog_find(base, "dumbbell-twist")->not_for &
	    LIMIT_OSTEOPOROSIS);
	assert_true(catalog_find(base, "cat-cow-child")->not_for &
	    LIMIT_OSTEOPOROSIS);
	assert_true(catalog_variants(catalog_find(base, "cat-cow-child"),
	    catalog_find(base, "cat-cow-flow")));
	assert_true(catalog_variants(catalog_find(base, "wall-angel-standing"),
	    catalog_find(base, "wall-angel-seated")));
}

/* Each rule on easier options and variants is refused with its line. */
static void
easier_options_that_break_the_rules_are_refused(void **state)
{
	(void)state;
	EXPECT("exercises:\n" ENTRY("a-b", "    variants: [nothing-like-it]\n"),
	    "f.yaml:20: exercise 'a-b': unknown variant 'nothing-like-it'");
	EXPECT("exercises:\n"
	    "  - id: round-up\n"
	    "    name: Round up\n"
	    "    kind: strength\n"
	    "    stage: 1\n"
	    "    motions: [flexion]\n"
	    "    targets: [x]\n"
	    "    position: seated\n"
	    "    places: [desk, floor]\n"
	    "    equipment: [none]\n"
	    "    dose: {reps: 3}\n"
	    "    steps: [a]\n"
	    "    cues: [b]\n"
	    "    regression: posture-reset\n"
	    "    suits: [c]\n"
	    "    why: d\n"
	    "    source: [e]\n",
	    "f.yaml:14: exercise 'round-up': easier option 'posture-reset' "
	    "needs a chair, which 'round-up' does not",
	    "f.yaml:14: exercise 'round-up': easier option 'posture-reset' "
	    "cannot be done on the floor, where 'round-up' can",
	    "f.yaml:14: exercise 'round-up': easier option 'posture-reset' "
	    "does not train flexion, which 'round-up' does");
	/* Strength may ease into the movement unloaded, never the reverse. */
	EXPECT("exercises:\n"
	    "  - id: lift-up\n"
	    "    name: Lift up\n"
	    "    kind: mobility\n"
	    "    stage: 2\n"
	    "    motions: [extension]\n"
	    "    targets: [x]\n"
	    "    position: seated\n"
	    "    places: [desk, floor]\n"
	    "    equipment: [none]\n"
	    "    dose: {reps: 3}\n"
	    "    steps: [a]\n"
	    "    cues: [b]\n"
	    "    regression: w-squeeze\n"
	    "    suits: [c]\n"
	    "    why: d\n"
	    "    source: [e]\n",
	    "f.yaml:14: exercise 'lift-up': easier option 'w-squeeze' "
	    "is a strength exercise and 'lift-up' is not");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_catalog_has_every_exercise),
		cmocka_unit_test(builtin_doses_match_the_articles),
		cmocka_unit_test(ground_is_read_checked_or_taken_from_places),
		cmocka_unit_test(builtin_grounds_are_given),
		cmocka_unit_test(valid_file_loads_and_resolves_builtin_regressions),
		cmocka_unit_test(not_yaml_is_reported_with_its_line),
		cmocka_unit_test(unknown_key_is_reported),
		cmocka_unit_test(missing_field_is_reported_at_the_entry),
		cmocka_unit_test(wrong_types_are_reported),
		cmocka_unit_test(bad_enum_values_are_reported),
		cmocka_unit_test(range_with_min_above_max_is_reported),
		cmocka_unit_test(unknown_regression_and_duplicate_id_are_reported),
		cmocka_unit_test(dose_rules_are_checked),
		cmocka_unit_test(equipment_none_stands_alone_and_ids_are_kebab_case),
		cmocka_unit_test(overrides_replace_by_id_and_add_new_ones),
		cmocka_unit_test(suggest_finds_near_misses_only),
		cmocka_unit_test(builtin_easier_options_train_the_same_thing_gently),
		cmocka_unit_test(builtin_labels_say_only_what_is_trained),
		cmocka_unit_test(easier_options_that_break_the_rules_are_refused),
		cmocka_unit_test(compiled_in_catalog_equals_the_parsed_file),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
