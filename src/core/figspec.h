/*
 * figspec.h -- an exercise's figure as the catalog holds it: the joints
 * of the human model with their limits, and 2 to 5 keyframe poses as
 * joint angles, with the camera, props and contacts that show them.
 *
 * The names and limits live here, beside the YAML reader, so `midback
 * check` and the model (figure.h) agree on them.
 */
#ifndef MIDBACK_FIGSPEC_H
#define MIDBACK_FIGSPEC_H

#include <stddef.h>

#include "names.h"

/*
 * The joints. Each has three angles in degrees: [0] flexion (forward
 * bend; for the shoulder blade protraction), [1] side (side bend to the
 * right for the spine; abduction for a limb; elevation for a shoulder
 * blade), [2] twist (turn to the left for the spine; outward rotation for
 * a limb). The pelvis is the root: its angles are the body's orientation
 * in the room, not a joint's, so they have no human limit.
 */
enum fig_joint {
	FJ_PELVIS,
	FJ_LUMBAR1, FJ_LUMBAR2,
	FJ_THORAX1, FJ_THORAX2, FJ_THORAX3,
	FJ_NECK, FJ_HEAD,
	FJ_LSCAP, FJ_RSCAP,
	FJ_LSHOULDER, FJ_RSHOULDER,
	FJ_LELBOW, FJ_RELBOW,
	FJ_LWRIST, FJ_RWRIST,
	FJ_LHIP, FJ_RHIP,
	FJ_LKNEE, FJ_RKNEE,
	FJ_LANKLE, FJ_RANKLE,
	FJ_COUNT
};

enum fig_axis { FA_FLEX, FA_SIDE, FA_TWIST, FA_COUNT };

enum fig_camera {
	FCAM_SIDE, FCAM_FRONT, FCAM_TOP, FCAM_THREEQ, FCAM_BACK, FCAM_THREEQ_BACK,
	FCAM_HIGH_SIDE, FCAM_COUNT
};

/* Props, as bits. */
#define FPROP_FLOOR	0x01
#define FPROP_MAT	0x02
#define FPROP_WALL	0x04
#define FPROP_CHAIR	0x08
#define FPROP_DOORWAY	0x10
#define FPROP_BAND	0x20
#define FPROP_DUMBBELL	0x40
#define FPROP_ANCHOR_FRONT 0x80	/* the band's fixed end: ahead, */
#define FPROP_ANCHOR_SIDE 0x100	/* or at the figure's right */
#define FPROP_COUNT	9

/*
 * Contacts, as bits: where the body must touch, to within 1 cm, in every
 * frame. The model solves the body's place (and the joints the figure
 * lets it adjust) so that they hold. A left/right pair is mirrored with
 * the pose.
 */
#define FCON_FEET	0x001	/* both feet on the floor */
#define FCON_KNEES	0x002	/* both shins on the floor, knee to ankle */
#define FCON_HANDS	0x004	/* both hands on the floor */
#define FCON_LHAND	0x008
#define FCON_RHAND	0x010
#define FCON_SEAT	0x020	/* sitting: on the chair, or the floor */
#define FCON_BACK	0x040	/* upper back and pelvis at the wall */
#define FCON_ARMS	0x080	/* elbows and wrists at the wall */
#define FCON_LFOREARM	0x100	/* left forearm flat on the floor */
#define FCON_RFOREARM	0x200
#define FCON_LSIDE	0x400	/* lying on the left hip and shoulder */
#define FCON_RSIDE	0x800
#define FCON_LKNEE	0x1000	/* the left knee on the floor */
#define FCON_RKNEE	0x2000
#define FCON_COUNT	14

#define FIG_POSES_MIN	2
#define FIG_POSES_MAX	5
#define FIG_ADJUST_MAX	8
#define FIG_NAME_MAX	32

struct fig_pose {
	char	name[FIG_NAME_MAX];
	float	deg[FJ_COUNT][FA_COUNT];
};

/* One angle the solver may change to meet the contacts. */
struct fig_adjust {
	unsigned char	joint;		/* enum fig_joint */
	unsigned char	axis;		/* enum fig_axis */
};

struct fig_spec {
	int		 camera;	/* enum fig_camera */
	unsigned	 props;		/* FPROP_* */
	unsigned	 contacts;	/* FCON_* */
	int		 nadjust;
	struct fig_adjust adjust[FIG_ADJUST_MAX];
	int		 npose;
	struct fig_pose	 pose[FIG_POSES_MAX];
	unsigned long	 line;		/* where 'figure:' is */
};

/* Limits of one joint's angles: lo[axis] .. hi[axis] degrees. */
struct fig_limit {
	float	lo[FA_COUNT];
	float	hi[FA_COUNT];
};

extern const struct fig_limit fig_limits[FJ_COUNT];

/* The names of joints, axes and cameras, and of the bits of props and
 * contacts (names.h reads them). */
extern const struct names fig_joints, fig_axes, fig_cameras, fig_props,
		 fig_contacts;
/* The other side's joint (itself for the spine and pelvis). */
int		 fig_joint_mirror(int joint);
/* The other side's contact bits. */
unsigned	 fig_contact_mirror(unsigned);

struct ytree;
struct yaml_node_s;
/*
 * Read a 'figure:' mapping into *out, reporting every problem to the
 * tree's diagnostics. Returns 0, or -1 if anything was wrong.
 */
int		 fig_spec_read(struct ytree *, struct yaml_node_s *,
		    struct fig_spec *out);

#endif
