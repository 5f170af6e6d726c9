/*
 * poses.c -- an exercise's keyframes as the camera mode measures them
 * (GET /api/exercises/ID/poses): for each keyframe of its figure, the
 * joint angles the catalog gives, and the places of the joints that the
 * pose model also finds (nose, head, shoulders, elbows, wrists, hips,
 * knees, ankles), placed by the figure's model (fig_solve(), as the
 * pictures are drawn) and seen from the figure's camera.
 *
 * The page (web/camera/form.js) compares the person's landmarks with
 * these: which angle moves from one keyframe to the next, and by how
 * much, is what it counts.
 */
#include <stdlib.h>

#include <jansson.h>

#include "coach/poses.h"
#include "core/figure.h"
#include "core/session.h"
#include "core/xmalloc.h"
#include "store/store.h"
#include "core/figspec.h"
#include "core/names.h"

/* The points given, by their pose model's names (left is the person's). */
static const struct {
	const char	*name;
	int		 joint;		/* enum fig_joint, or -1 */
	int		 end;		/* enum fig_end, when joint is -1 */
} points[] = {
	{ "nose", -1, FE_NOSE },
	{ "head", -1, FE_HEAD },
	{ "left_shoulder", FJ_LSHOULDER, 0 },
	{ "right_shoulder", FJ_RSHOULDER, 0 },
	{ "left_elbow", FJ_LELBOW, 0 },
	{ "right_elbow", FJ_RELBOW, 0 },
	{ "left_wrist", FJ_LWRIST, 0 },
	{ "right_wrist", FJ_RWRIST, 0 },
	{ "left_hip", FJ_LHIP, 0 },
	{ "right_hip", FJ_RHIP, 0 },
	{ "left_knee", FJ_LKNEE, 0 },
	{ "right_knee", FJ_RKNEE, 0 },
	{ "left_ankle", FJ_LANKLE, 0 },
	{ "right_ankle", FJ_RANKLE, 0 },
};
#define NPOINTS	(sizeof points / sizeof points[0])

/* Rounded to whole centimetres or degrees: finer than the model sees. */
static json_int_t
whole(double x)
{
	return ((json_int_t)(x < 0 ? x - 0.5 : x + 0.5));
}

static json_t *
triple(double a, double b, double c)
{
	return (json_pack("[I,I,I]", whole(a), whole(b), whole(c)));
}

static json_t *
keyframe_json(const struct fig_spec *f, int i)
{
	struct fig_angles	 a;
	struct fig_body		 b;
	const double		*p;
	double			 v[3];
	json_t			*k, *joints, *room, *view;
	size_t			 n;
	int			 j;

	fig_keyframe(f, i, 0, &a);
	(void)fig_solve(f, &a, &b);
	joints = json_object();
	for (j = 0; j < FJ_COUNT; j++)
		json_object_set_new(joints, name_of(&fig_joints, j),
		    triple(a.deg[j][FA_FLEX], a.deg[j][FA_SIDE],
		    a.deg[j][FA_TWIST]));
	room = json_object();
	view = json_object();
	for (n = 0; n < NPOINTS; n++) {
		p = points[n].joint >= 0 ? b.p[points[n].joint] :
		    b.e[points[n].end];
		json_object_set_new(room, points[n].name, triple(p[0], p[1],
		    p[2]));
		fig_project(f->camera, p, v);
		/* As an image has it: x to the right, y down. */
		json_object_set_new(view, points[n].name, triple(v[0], -v[1],
		    v[2]));
	}
	k = json_pack("{s:s,s:o,s:o,s:o}", "name", f->pose[i].name, "angles",
	    joints, "room", room, "view", view);
	return (k);
}

json_t *
poses_json(const struct exercise *e)
{
	const struct fig_spec	*f = e->figure;
	json_t			*j, *props, *kf;
	unsigned		 bit;
	int			 i;

	if (f == NULL)
		return (NULL);
	props = json_array();
	for (bit = 1; bit < (1u << FPROP_COUNT); bit <<= 1)
		if (f->props & bit)
			json_array_append_new(props,
			    json_string(name_of_bit(&fig_props, bit)));
	kf = json_array();
	for (i = 0; i < f->npose; i++)
		json_array_append_new(kf, keyframe_json(f, i));
	j = json_pack("{s:s,s:s,s:o,s:o}", "id", e->id, "camera",
	    name_of(&fig_cameras, f->camera), "props", props, "keyframes",
	    kf);
	return (j);
}

int
coach_camera_mark(struct coach_session *cs, const char *what, int value,
    const char **exercise, char **err)
{
	const struct exercise	*e = session_exercise(cs->s);

	*exercise = NULL;
	if (e == NULL) {
		*err = xstrdup("no exercise is being played");
		return (-1);
	}
	if (store_name_find(store_camera_names, what) == NULL) {
		*err = xasprintf("camera: expected reps, hold, chin, low-back, "
		    "hips or shrug, not '%s'", what);
		return (-1);
	}
	if (value < 0 || value > 10000) {
		*err = xasprintf("camera: %d is not a count", value);
		return (-1);
	}
	*exercise = e->id;
	return (store_camera_mark(cs->coach->store, cs->id, e->id, what, value,
	    err));
}
