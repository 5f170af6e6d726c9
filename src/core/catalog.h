/*
 * catalog.h -- the exercise catalog: load, validate, look up.
 *
 * A catalog is built once at start-up (the embedded file, then the
 * person's override files) and never changes afterwards, so every pointer
 * handed out by catalog_find() stays valid until catalog_free().
 */
#ifndef MIDBACK_CATALOG_H
#define MIDBACK_CATALOG_H

#include <stddef.h>

#include "diag.h"
#include "names.h"
#include "figspec.h"

enum ex_kind {
	KIND_BREATHING,
	KIND_MOBILITY,
	KIND_STRETCH,
	KIND_STRENGTH,
	KIND_POSTURE,
	KIND_COUNT
};

/* The spine's movements, as bits. */
#define MOTION_EXTENSION	0x1
#define MOTION_FLEXION		0x2
#define MOTION_SIDE_BEND	0x4
#define MOTION_ROTATION		0x8
#define MOTION_COUNT		4

/* Where an exercise can be done, as bits. */
#define PLACE_DESK		0x1
#define PLACE_FLOOR		0x2
#define PLACE_WALL		0x4
#define PLACE_DOORWAY		0x8
#define PLACE_COUNT		4

/*
 * The level of the body while doing it (not the room, which `places`
 * gives): down on the floor (lying, kneeling, on hands and knees, sitting
 * on the floor), up (on a chair or standing), or either (seated tall,
 * which may be on a chair or cross-legged). A plan keeps floor work in
 * one block and gives each change between the floor and up its seconds.
 */
enum ex_ground {
	GROUND_FLOOR,
	GROUND_UP,
	GROUND_EITHER,
	GROUND_COUNT
};

/* What an exercise needs, as bits; none is the empty set. */
#define EQUIP_CHAIR		0x1
#define EQUIP_WALL		0x2
#define EQUIP_DOORWAY		0x4
#define EQUIP_BAND		0x8
#define EQUIP_DUMBBELL		0x10
#define EQUIP_COUNT		5

#define STAGE_MAX		3

/*
 * Conditions an exercise is not for, as bits: the red-flag screen's
 * answers (data/screen.yaml, `excludes:`) keep such exercises out of
 * plans and out of the easier options offered.
 */
#define LIMIT_OSTEOPOROSIS	0x1	/* loaded twists, end-range rounding */
#define LIMIT_SHOULDER		0x2	/* a shoulder that has dislocated */
#define LIMIT_KNEELING		0x4	/* cannot kneel or bear weight on hands */
#define LIMIT_PREGNANCY		0x8	/* late pregnancy: lying on the back */
#define LIMIT_COUNT		4

/* A range of counts; min == 0 means the range is absent. */
struct range {
	int	min;
	int	max;
};

/* An exercise's dose as the catalog gives it: ranges to choose within. */
struct dose {
	struct range	sets;		/* absent means 1 */
	struct range	reps;		/* per set, per side */
	struct range	hold_s;		/* seconds per hold */
	struct range	breaths;	/* per set, per side */
	int		per_side;	/* left then right */
	int		tempo_s;	/* seconds per rep; 0 = default */
	int		frequency_min;	/* through the day; 0 = daily */
};

struct strlist {
	char	**v;		/* Owned, with each string. */
	size_t	  n;
};

struct exercise {
	char		*id;		/* Owned; kebab-case. */
	char		*name;		/* Owned. */
	enum ex_kind	 kind;
	int		 stage;		/* 0..STAGE_MAX */
	unsigned	 motions;	/* MOTION_* bits */
	struct strlist	 targets;
	char		*position;	/* Owned. */
	unsigned	 places;	/* PLACE_* bits */
	enum ex_ground	 ground;
	unsigned	 equipment;	/* EQUIP_* bits */
	struct dose	 dose;
	struct strlist	 steps;
	struct strlist	 cues;
	struct strlist	 cautions;	/* may be empty */
	char		*regression;	/* Owned; another entry's id, or NULL
					   for the easiest of its line. */
	struct strlist	 variants;	/* near-duplicates: never together */
	unsigned	 not_for;	/* LIMIT_* bits */
	char		*feel;		/* Owned; where you should feel it. */
	struct strlist	 suits;
	char		*why;		/* Owned. */
	struct strlist	 source;
	struct fig_spec	*figure;	/* Owned; NULL: no figure. */
	char		*harder;	/* Owned; the progression the program
					   unlocks in its place, or NULL. */
	int		 unlock_after;	/* sessions in a row rated well at
					   the full dose that unlock it; 0:
					   the program's default */
	char		*file;		/* Owned; the file it came from. */
	int		 borrowed;	/* its strings and lists are the
					   built-in catalog's (static), not
					   owned: see catalog_from_static() */
	unsigned long	 line;		/* where its entry starts */
	unsigned long	 regression_line;
	unsigned long	 variants_line;
	unsigned long	 harder_line;
	unsigned long	 ground_line;	/* 0: not given, taken from places */
};

struct catalog {
	struct exercise	*ex;		/* Owned array. */
	size_t		 n;
};

/*
 * An exercise as plain C data, for the catalog compiled into the program
 * at build time (tools/gen-catalog). Lists end with NULL.
 */
struct catalog_static {
	const char		*id, *name, *position, *regression, *why;
	const char		*feel, *harder;
	int			 unlock_after;
	unsigned long		 harder_line;
	unsigned		 not_for;
	const char *const	*variants;
	int			 kind, stage, ground;
	unsigned		 motions, places, equipment;
	struct range		 sets, reps, hold_s, breaths;
	int			 per_side, tempo_s, frequency_min;
	const char *const	*targets, *const *steps, *const *cues;
	const char *const	*cautions, *const *suits, *const *source;
	unsigned long		 line, regression_line, ground_line;
	const struct fig_spec	*figure;	/* NULL: none */
};

/*
 * Build a catalog from n static entries, copying everything, so it is
 * owned and freed like a parsed one. file names where they came from.
 */
struct catalog	*catalog_from_static(const struct catalog_static *, size_t n,
		    const char *file);

/*
 * Parse and validate catalog text. file names it in messages. Every
 * problem is added to d as "file:line: message". Regression ids are
 * resolved against the file's own entries and, when base is not NULL,
 * against base. Returns the catalog, or NULL if there was any problem:
 * nothing is ever half-loaded. The caller must free the result.
 */
struct catalog	*catalog_parse(const char *file, const char *buf, size_t len,
		    const struct catalog *base, struct diag *d);

/*
 * Merge add into c: an entry with an id already in c replaces it, a new id
 * is appended. add is emptied and freed (its entries are taken).
 */
void		 catalog_merge_take(struct catalog *c, struct catalog *add);

/* Find an exercise by id; borrowed, or NULL. */
const struct exercise *catalog_find(const struct catalog *, const char *id);
/* The id closest to a mistyped one, or NULL if none is close. Borrowed. */
const char	*catalog_suggest(const struct catalog *, const char *id);

void		 catalog_free(struct catalog *);

/*
 * The names of the kinds (enum ex_kind), of the levels (enum ex_ground)
 * and of the bits of motions, places, equipment and limits, for messages
 * and output; names.h reads them both ways.
 */
extern const struct names catalog_kinds, catalog_grounds, catalog_motions,
		 catalog_places, catalog_equips, catalog_limits;
/* Whether a and b are declared near-duplicates (either way round). */
int		 catalog_variants(const struct exercise *a,
		    const struct exercise *b);
/* An equipment name's bit, 0 for "none", -1 if unknown. */
int		 catalog_equip_parse(const char *);
/* Edit distance, used for "did you mean". */
size_t		 catalog_distance(const char *, const char *);

#endif
