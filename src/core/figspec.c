/*
 * figspec.c -- the joints' names and human limits, and the reader of an
 * exercise's 'figure:' block (see docs/catalog-format.md).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "figspec.h"
#include "ytree.h"

static const char *const joint_names[FJ_COUNT] = {
	"pelvis", "lumbar-1", "lumbar-2", "thoracic-1", "thoracic-2",
	"thoracic-3", "neck", "head", "left-blade", "right-blade",
	"left-shoulder", "right-shoulder", "left-elbow", "right-elbow",
	"left-wrist", "right-wrist", "left-hip", "right-hip", "left-knee",
	"right-knee", "left-ankle", "right-ankle"
};

static const char *const axis_names[FA_COUNT] = { "flex", "side", "twist" };

static const char *const camera_names[FCAM_COUNT] = {
	"side", "front", "top", "three-quarter", "back",
	"back-three-quarter", "high-side"
};

static const char *const prop_names[FPROP_COUNT] = {
	"floor", "mat", "wall", "chair", "doorway", "band", "dumbbell",
	"anchor-front", "anchor-side"
};

static const char *const contact_names[FCON_COUNT] = {
	"feet", "knees", "hands", "left-hand", "right-hand", "seat", "back",
	"arms", "left-forearm", "right-forearm", "left-side", "right-side",
	"left-knee", "right-knee"
};

const struct names fig_joints = NAMES(joint_names);
const struct names fig_axes = NAMES(axis_names);
const struct names fig_cameras = NAMES(camera_names);
const struct names fig_props = NAMES(prop_names);
const struct names fig_contacts = NAMES(contact_names);

/*
 * Human ranges of motion, in degrees, per segment (the spine's are per
 * segment: three thoracic segments of 15 degrees of twist each make the
 * mid-back's 45). Flexion, side (abduction), twist (outward rotation).
 */
#define FREE	{ -180, -180, -180 }, { 180, 180, 180 }
const struct fig_limit fig_limits[FJ_COUNT] = {
	[FJ_PELVIS] = { FREE },
	[FJ_LUMBAR1] = { { -20, -15, -5 }, { 30, 15, 5 } },
	[FJ_LUMBAR2] = { { -20, -15, -5 }, { 30, 15, 5 } },
	[FJ_THORAX1] = { { -12, -12, -15 }, { 20, 12, 15 } },
	[FJ_THORAX2] = { { -12, -12, -15 }, { 20, 12, 15 } },
	[FJ_THORAX3] = { { -12, -12, -15 }, { 20, 12, 15 } },
	[FJ_NECK] = { { -50, -40, -70 }, { 60, 40, 70 } },
	[FJ_HEAD] = { { -20, -15, -15 }, { 25, 15, 15 } },
	[FJ_LSCAP] = { { -20, -10, 0 }, { 25, 30, 0 } },
	[FJ_RSCAP] = { { -20, -10, 0 }, { 25, 30, 0 } },
	[FJ_LSHOULDER] = { { -60, -45, -90 }, { 180, 180, 100 } },
	[FJ_RSHOULDER] = { { -60, -45, -90 }, { 180, 180, 100 } },
	[FJ_LELBOW] = { { 0, 0, -90 }, { 150, 0, 90 } },
	[FJ_RELBOW] = { { 0, 0, -90 }, { 150, 0, 90 } },
	[FJ_LWRIST] = { { -90, -25, 0 }, { 90, 35, 0 } },
	[FJ_RWRIST] = { { -90, -25, 0 }, { 90, 35, 0 } },
	[FJ_LHIP] = { { -25, -30, -45 }, { 140, 50, 45 } },
	[FJ_RHIP] = { { -25, -30, -45 }, { 140, 50, 45 } },
	[FJ_LKNEE] = { { 0, 0, 0 }, { 155, 0, 0 } },
	[FJ_RKNEE] = { { 0, 0, 0 }, { 155, 0, 0 } },
	[FJ_LANKLE] = { { -80, -20, 0 }, { 30, 20, 0 } },
	[FJ_RANKLE] = { { -80, -20, 0 }, { 30, 20, 0 } },
};

/* Names that set several joints at once, each to the same angles. */
static const struct {
	const char	*name;
	int		 first, n, step;
} groups[] = {
	{ "lumbar", FJ_LUMBAR1, 2, 1 },
	{ "thoracic", FJ_THORAX1, 3, 1 },
	{ "blades", FJ_LSCAP, 2, 1 },
	{ "shoulders", FJ_LSHOULDER, 2, 1 },
	{ "elbows", FJ_LELBOW, 2, 1 },
	{ "wrists", FJ_LWRIST, 2, 1 },
	{ "hips", FJ_LHIP, 2, 1 },
	{ "knees", FJ_LKNEE, 2, 1 },
	{ "ankles", FJ_LANKLE, 2, 1 },
};
#define NGROUPS	(sizeof groups / sizeof groups[0])

int
fig_joint_mirror(int j)
{
	if (j < FJ_LSCAP)
		return (j);
	return ((j - FJ_LSCAP) % 2 == 0 ? j + 1 : j - 1);
}

unsigned
fig_contact_mirror(unsigned c)
{
	static const unsigned pairs[][2] = {
		{ FCON_LHAND, FCON_RHAND }, { FCON_LFOREARM, FCON_RFOREARM },
		{ FCON_LSIDE, FCON_RSIDE }, { FCON_LKNEE, FCON_RKNEE }
	};
	unsigned	out = c;
	size_t		i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		out &= ~(pairs[i][0] | pairs[i][1]);
		if (c & pairs[i][0])
			out |= pairs[i][1];
		if (c & pairs[i][1])
			out |= pairs[i][0];
	}
	return (out);
}

/* The known name nearest a mistyped joint, or NULL. */
static const char *
joint_suggest(const char *s)
{
	const char	*best = NULL;
	size_t		 d, bestd = 3, i;

	for (i = 0; i < FJ_COUNT; i++)
		if ((d = catalog_distance(s, joint_names[i])) < bestd) {
			bestd = d;
			best = joint_names[i];
		}
	for (i = 0; i < NGROUPS; i++)
		if ((d = catalog_distance(s, groups[i].name)) < bestd) {
			bestd = d;
			best = groups[i].name;
		}
	return (best);
}

static void
unknown_joint(struct ytree *t, yaml_node_t *n, const char *s)
{
	const char	*guess = joint_suggest(s);

	if (guess != NULL)
		diag_add(t->diag, t->file, ytree_line(n),
		    "figure: unknown joint '%s' (did you mean '%s'?)", s,
		    guess);
	else
		diag_add(t->diag, t->file, ytree_line(n),
		    "figure: unknown joint '%s' (see docs/catalog-format.md)",
		    s);
}

/*
 * A joint or group name, at node nd: sets *first, *n; -1 (reported) if
 * unknown.
 */
static int
joint_lookup(struct ytree *t, yaml_node_t *nd, const char *s, int *first,
    int *n)
{
	size_t	i;
	int	j;

	if ((j = name_find(&fig_joints, s)) >= 0) {
		*first = j;
		*n = 1;
		return (0);
	}
	for (i = 0; i < NGROUPS; i++)
		if (strcmp(groups[i].name, s) == 0) {
			*first = groups[i].first;
			*n = groups[i].n;
			return (0);
		}
	unknown_joint(t, nd, s);
	return (-1);
}

/* A number of degrees. Returns 0, or -1 (reported). */
static int
read_deg(struct ytree *t, yaml_node_t *n, const char *what, float *out)
{
	const char	*s;
	char		*end;
	double		 v;

	if (n->type != YAML_SCALAR_NODE) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "figure: %s: expected a number of degrees", what);
		return (-1);
	}
	s = (const char *)n->data.scalar.value;
	errno = 0;
	v = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(v) ||
	    fabs(v) > 360) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "figure: %s: '%s' is not a number of degrees", what, s);
		return (-1);
	}
	*out = (float)v;
	return (0);
}

/*
 * One joint's value: a number (flexion) or a list of one to three
 * numbers [flex, side, twist]. Missing ones keep their value.
 */
static int
read_angles(struct ytree *t, yaml_node_t *n, const char *joint,
    float deg[FA_COUNT])
{
	int	len, i, bad = 0;

	if (n->type == YAML_SCALAR_NODE)
		return (read_deg(t, n, joint, &deg[0]));
	if (n->type != YAML_SEQUENCE_NODE ||
	    (len = ytree_seq_len(t, n, joint)) < 1 || len > FA_COUNT) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "figure: '%s' takes degrees, or a list [flex, side, "
		    "twist]", joint);
		return (-1);
	}
	for (i = 0; i < len; i++)
		bad |= read_deg(t, ytree_seq_item(t, n, i), joint, &deg[i]);
	return (bad ? -1 : 0);
}

static int
read_pose(struct ytree *t, yaml_node_t *n, struct fig_pose *p, int index)
{
	yaml_node_pair_t	*pr;
	yaml_node_t		*k, *v, *where[FJ_COUNT];
	const char		*key, *s;
	float			 deg[FA_COUNT];
	int			 first, cnt, i, a, bad = 0, named = 0;

	memset(where, 0, sizeof where);
	if (n->type != YAML_MAPPING_NODE) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "figure: a pose is a mapping of a name and joint angles");
		return (-1);
	}
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	    pr++) {
		k = ytree_node(t, pr->key);
		v = ytree_node(t, pr->value);
		if (k->type != YAML_SCALAR_NODE) {
			diag_add(t->diag, t->file, ytree_line(k),
			    "figure: a key must be a plain word");
			bad = 1;
			continue;
		}
		key = (const char *)k->data.scalar.value;
		if (strcmp(key, "name") == 0) {
			if ((s = ytree_str(t, v, "name")) == NULL)
				bad = 1;
			else if (strlen(s) >= FIG_NAME_MAX) {
				diag_add(t->diag, t->file, ytree_line(v),
				    "figure: pose name '%s' is longer than %d "
				    "characters", s, FIG_NAME_MAX - 1);
				bad = 1;
			} else
				strcpy(p->name, s);
			named = 1;
			continue;
		}
		if (joint_lookup(t, k, key, &first, &cnt) == -1) {
			bad = 1;
			continue;
		}
		memcpy(deg, p->deg[first], sizeof deg);
		if (read_angles(t, v, key, deg) == -1) {
			bad = 1;
			continue;
		}
		for (i = first; i < first + cnt; i++) {
			if (where[i] != NULL) {
				diag_add(t->diag, t->file, ytree_line(k),
				    "figure: pose %d sets '%s' twice", index + 1,
				    joint_names[i]);
				bad = 1;
			}
			where[i] = v;
			memcpy(p->deg[i], deg, sizeof deg);
		}
	}
	if (!named) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "figure: pose %d: missing 'name'", index + 1);
		bad = 1;
	}
	for (i = 0; i < FJ_COUNT; i++) {
		if (where[i] == NULL)
			continue;
		for (a = 0; a < FA_COUNT; a++) {
			if (p->deg[i][a] >= fig_limits[i].lo[a] &&
			    p->deg[i][a] <= fig_limits[i].hi[a])
				continue;
			diag_add(t->diag, t->file, ytree_line(where[i]),
			    "figure: pose '%s': %s %s %g is past its limit "
			    "(%g to %g)", p->name[0] ? p->name : "?",
			    joint_names[i], axis_names[a], p->deg[i][a],
			    fig_limits[i].lo[a], fig_limits[i].hi[a]);
			bad = 1;
		}
	}
	return (bad ? -1 : 0);
}

static int
read_names(struct ytree *t, yaml_node_t *n, const char *key,
    const struct names *names, unsigned *out)
{
	yaml_node_t	*item;
	const char	*s;
	int		 len, i, bit, j, bad = 0;
	size_t		 cap = 0;
	char		 expect[512];

	*out = 0;
	if ((len = ytree_seq_len(t, n, key)) < 0)
		return (-1);
	for (i = 0; i < len; i++) {
		if ((s = ytree_seq_str(t, n, i, key, &item)) == NULL) {
			bad = 1;
			continue;
		}
		if ((bit = name_find_bit(names, s)) == -1) {
			expect[0] = '\0';
			for (j = 0, cap = 0; j < names->n; j++)
				cap += (size_t)snprintf(expect + cap,
				    cap < sizeof expect ? sizeof expect - cap :
				    0, "%s%s", j ? ", " : "", names->v[j]);
			diag_add(t->diag, t->file, ytree_line(item),
			    "figure: unknown %s '%s' (expected %s)", key, s,
			    expect);
			bad = 1;
			continue;
		}
		*out |= (unsigned)bit;
	}
	return (bad ? -1 : 0);
}

/* 'adjust': joints (flexion) or joint:axis the solver may change. */
static int
read_adjust(struct ytree *t, yaml_node_t *n, struct fig_spec *f)
{
	yaml_node_t	*item;
	const char	*s, *colon;
	char		 name[32];
	int		 len, i, first, cnt, axis, j, bad = 0;

	if ((len = ytree_seq_len(t, n, "adjust")) < 0)
		return (-1);
	for (i = 0; i < len; i++) {
		if ((s = ytree_seq_str(t, n, i, "adjust", &item)) == NULL) {
			bad = 1;
			continue;
		}
		axis = FA_FLEX;
		snprintf(name, sizeof name, "%s", s);
		if ((colon = strchr(s, ':')) != NULL) {
			name[colon - s < (long)sizeof name ? colon - s :
			    (long)sizeof name - 1] = '\0';
			if ((axis = name_find(&fig_axes, colon + 1)) < 0) {
				diag_add(t->diag, t->file, ytree_line(item),
				    "figure: adjust '%s': unknown axis "
				    "(expected flex, side or twist)", s);
				bad = 1;
				continue;
			}
		}
		if (joint_lookup(t, item, name, &first, &cnt) == -1) {
			bad = 1;
			continue;
		}
		for (j = first; j < first + cnt; j++) {
			if (f->nadjust == FIG_ADJUST_MAX) {
				diag_add(t->diag, t->file, ytree_line(item),
				    "figure: at most %d angles to adjust",
				    FIG_ADJUST_MAX);
				return (-1);
			}
			f->adjust[f->nadjust].joint = (unsigned char)j;
			f->adjust[f->nadjust].axis = (unsigned char)axis;
			f->nadjust++;
		}
	}
	return (bad ? -1 : 0);
}

/* The block's keys, in the order of the enum ("!": required). */
enum { F_CAMERA, F_PROPS, F_CONTACTS, F_ADJUST, F_POSES, F_NKEYS };
static const char *const figure_keys[F_NKEYS] = {
	"camera!", "props", "contacts", "adjust", "poses!"
};

int
fig_spec_read(struct ytree *t, yaml_node_t *n, struct fig_spec *f)
{
	yaml_node_t	*k[F_NKEYS];
	const char	*s;
	size_t		 before = t->diag->n;
	int		 len, i, c;

	memset(f, 0, sizeof *f);
	f->line = ytree_line(n);
	if (ytree_keys(t, n, figure_keys, F_NKEYS, k, "figure") == -1)
		return (-1);
	if (k[F_CAMERA] != NULL &&
	    (s = ytree_str(t, k[F_CAMERA], "camera")) != NULL) {
		if ((c = name_find(&fig_cameras, s)) < 0)
			diag_add(t->diag, t->file, ytree_line(k[F_CAMERA]),
			    "figure: unknown camera '%s' (expected side, "
			    "front, back, top, three-quarter, "
			    "back-three-quarter or high-side)", s);
		else
			f->camera = c;
	}
	if (k[F_PROPS] != NULL)
		read_names(t, k[F_PROPS], "prop", &fig_props, &f->props);
	f->props |= FPROP_FLOOR;
	if (k[F_CONTACTS] != NULL)
		read_names(t, k[F_CONTACTS], "contact", &fig_contacts,
		    &f->contacts);
	if ((f->contacts & (FCON_BACK | FCON_ARMS)) &&
	    !(f->props & FPROP_WALL))
		diag_add(t->diag, t->file, ytree_line(n),
		    "figure: contacts at the wall need the prop 'wall'");
	if (k[F_ADJUST] != NULL)
		read_adjust(t, k[F_ADJUST], f);
	if (k[F_POSES] != NULL &&
	    (len = ytree_seq_len(t, k[F_POSES], "poses")) >= 0) {
		if (len < FIG_POSES_MIN || len > FIG_POSES_MAX)
			diag_add(t->diag, t->file, ytree_line(k[F_POSES]),
			    "figure: %d pose%s; a figure needs %d to %d",
			    len, len == 1 ? "" : "s", FIG_POSES_MIN,
			    FIG_POSES_MAX);
		else {
			for (i = 0; i < len; i++) {
				/* Each pose starts from the one before. */
				if (i > 0)
					memcpy(f->pose[i].deg, f->pose[i - 1].deg,
					    sizeof f->pose[i].deg);
				read_pose(t, ytree_seq_item(t, k[F_POSES], i),
				    &f->pose[i], i);
			}
			f->npose = len;
		}
	}
	return (t->diag->n == before ? 0 : -1);
}
