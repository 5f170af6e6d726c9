// form.js -- the camera mode's judgement, with no DOM: from the pose
// model's landmarks, count the reps, time a hold while the position is
// held, and raise the form flags an exercise's cues ask for. The page
// (web/camera/frame.js) feeds it; tests/unit/form.test.mjs runs it in
// node over landmark sequences made from the catalog's keyframes.
//
// What an exercise should look like comes from the server: its document
// (GET /api/exercises/ID: cues, steps, motions, dose) and its keyframes
// (GET /api/exercises/ID/poses: the joints' places as its figure's camera
// sees them, x right and y down, in cm).
//
// Everything is measured in the picture's plane, as the person is asked
// to place the camera where the figure's camera is.

// The pose model's landmark numbers (BlazePose, 33 points) that we use.
export const LANDMARK = {
	nose: 0, left_ear: 7, right_ear: 8,
	left_shoulder: 11, right_shoulder: 12, left_elbow: 13, right_elbow: 14,
	left_wrist: 15, right_wrist: 16, left_hip: 23, right_hip: 24,
	left_knee: 25, right_knee: 26, left_ankle: 27, right_ankle: 28,
};
// A landmark the model is less sure of than this is not used.
export const VISIBLE = 0.5;
// A flag is raised when the fault lasts this long ...
export const FLAG_HOLD_MS = 800;
// ... and nothing is said again within this long.
export const FLAG_GAP_MS = 10000;
// A hold's time counts a gap between two frames up to this long.
const HOLD_GAP_MS = 2000;
// The counter's hysteresis: past END toward the end keyframe, then back
// under START, is one rep.
export const END = 0.7;
export const START = 0.3;
// The arms raised past this (the angle hip-shoulder-elbow, degrees), the
// shrug is not judged.
const ARMS_UP = 100;
// An angle that moves less than this between keyframes is not counted.
const MOVE_MIN = 15;

// The flags, what each says (by the exercise's props), and how far from
// the person's own start it must be.
export const FLAGS = {
	chin: {
		limit: 0.08,	// head ahead of the shoulders, in trunk lengths (4 cm in 50)
		say: (props) => props.includes('wall') ?
			'Keep the back of your head against the wall.' :
			'Let your chin come back a little, keeping your neck long.',
	},
	'low-back': {
		limit: 10,	// degrees of leaning back
		say: (props) => props.includes('wall') ?
			'Keep your low back close to the wall.' :
			props.includes('mat') || props.includes('floor') && !props.includes('chair') ?
				'Let your low back stay down; move from the upper back.' :
				'Keep your ribs down; there is no need to arch your low back.',
	},
	hips: {
		limit: 0.25,	// the hips' turn, as a share of their width (or 15 degrees seen from above)
		say: () => 'Keep your hips still; let the turn come from your chest.',
	},
	shrug: {
		limit: 0.07,	// shoulders toward the ears, in trunk lengths
		say: () => 'Let your shoulders drop away from your ears.',
	},
};

const SIDE_VIEWS = ['side', 'high-side', 'three-quarter', 'back-three-quarter'];

// The points the features use, from the model's landmarks (normalized to
// the picture; aspect is its width over its height): name -> [x, y, vis].
export function pointsFromLandmarks(lms, aspect = 1) {
	const p = {};
	if (!lms)
		return p;
	for (const [name, i] of Object.entries(LANDMARK)) {
		const l = lms[i];
		if (l)
			p[name] = [l.x * aspect, l.y, l.visibility ?? 1];
	}
	// The head: between the ears (the model's ear is beside the head's
	// centre, as the figure's head point is).
	const le = p.left_ear, re = p.right_ear;
	if (le && re)
		p.head = [(le[0] + re[0]) / 2, (le[1] + re[1]) / 2,
			Math.max(le[2], re[2])];
	else if (le || re)
		p.head = le || re;
	return p;
}

// The same from a keyframe's view points (all visible).
export function pointsFromView(view) {
	const p = {};
	for (const [name, v] of Object.entries(view))
		p[name] = [v[0], v[1], 1];
	return p;
}

function seen(p, ...names) {
	return names.every((n) => p[n] && p[n][2] >= VISIBLE);
}
function mid(a, b) {
	return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}
function dist(a, b) {
	return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
// The angle at b, in degrees, 0 to 180.
function angle(a, b, c) {
	const u = [a[0] - b[0], a[1] - b[1]], v = [c[0] - b[0], c[1] - b[1]];
	const n = Math.hypot(...u) * Math.hypot(...v);
	if (n === 0)
		return NaN;
	const cos = Math.max(-1, Math.min(1, (u[0] * v[0] + u[1] * v[1]) / n));
	return Math.acos(cos) * 180 / Math.PI;
}
// The mean of a left and a right value, or the one that is there.
function both(l, r) {
	if (Number.isFinite(l) && Number.isFinite(r))
		return (l + r) / 2;
	return Number.isFinite(l) ? l : r;
}
function sideAngle(p, side, a, b, c) {
	const n = (x) => `${side}_${x}`;
	return seen(p, n(a), n(b), n(c)) ?
		angle(p[n(a)], p[n(b)], p[n(c)]) : NaN;
}
// The direction of a line, in degrees, -180 to 180.
function direction(a, b) {
	return Math.atan2(b[1] - a[1], b[0] - a[0]) * 180 / Math.PI;
}
function turn(a, b) {
	let d = a - b;
	while (d > 180) d -= 360;
	while (d < -180) d += 360;
	return d;
}

// What is measured in one picture: the angles that may move (for the
// counter) and the measures the flags watch. NaN where not seen.
export function features(p) {
	const f = {};
	const pair = (a, b, c) => both(sideAngle(p, 'left', a, b, c),
		sideAngle(p, 'right', a, b, c));
	f.elbows = pair('shoulder', 'elbow', 'wrist');
	f.shoulders = pair('hip', 'shoulder', 'elbow');
	f.hips = pair('shoulder', 'hip', 'knee');
	f.knees = pair('hip', 'knee', 'ankle');
	const trunk = seen(p, 'left_shoulder', 'right_shoulder', 'left_hip',
		'right_hip');
	const sm = trunk ? mid(p.left_shoulder, p.right_shoulder) : null;
	const hm = trunk ? mid(p.left_hip, p.right_hip) : null;
	const torso = trunk ? dist(sm, hm) : NaN;
	// The trunk's lean from upright (picture's up is -y), degrees.
	f.trunk = trunk ? Math.atan2(sm[0] - hm[0], hm[1] - sm[1]) * 180 /
		Math.PI : NaN;
	// The shoulder line against the hip line, degrees.
	f.twist = trunk ? turn(direction(p.left_shoulder, p.right_shoulder),
		direction(p.left_hip, p.right_hip)) : NaN;
	f.hipline = trunk ? direction(p.left_hip, p.right_hip) : NaN;
	f.hipwidth = trunk && torso > 0 ? dist(p.left_hip, p.right_hip) /
		torso : NaN;
	// Which way the person faces in the picture: the nose ahead of the
	// head's centre (seen from the side), else 0.
	let facing = 0;
	if (seen(p, 'nose', 'head') && torso > 0) {
		const dx = p.nose[0] - p.head[0];
		if (Math.abs(dx) > 0.08 * torso)
			facing = Math.sign(dx);
	}
	f.facing = facing;
	f.neck = trunk && seen(p, 'head') ? angle(hm, sm, p.head) : NaN;
	// The head ahead of the shoulders, in trunk lengths.
	f.chin = trunk && facing && seen(p, 'head') ?
		(p.head[0] - sm[0]) * facing / torso : NaN;
	// Leaning forward (+) or back (-), degrees.
	f.lean = trunk && facing ? f.trunk * facing : NaN;
	// The head above the shoulders, in trunk lengths.
	f.shrug = trunk && seen(p, 'head') ? (sm[1] - p.head[1]) / torso : NaN;
	f.torso = torso;
	return f;
}

const MOVING = ['elbows', 'shoulders', 'hips', 'knees', 'trunk', 'neck',
	'twist'];

function text(doc) {
	return [...(doc.cues || []), ...(doc.steps || [])].join(' ');
}

// What to watch in an exercise: the counter (the angle that moves most
// between its keyframes, from the first to the farthest), whether it is
// held, and the flags its cues ask for that its camera can see.
export function planFor(doc, poses) {
	const kf = (poses.keyframes || []).map((k) =>
		features(pointsFromView(k.view)));
	const plan = {
		id: doc.id, camera: poses.camera, props: poses.props || [],
		counter: null, hold: !!(doc.dose && doc.dose.hold_s),
		reps: !!(doc.dose && doc.dose.reps), flags: [], kf,
	};
	let best = null;
	for (const name of MOVING) {
		const a = kf[0] && kf[0][name];
		if (!Number.isFinite(a))
			continue;
		for (let i = 1; i < kf.length; i++) {
			const b = kf[i][name];
			if (Number.isFinite(b) && Math.abs(b - a) >= MOVE_MIN &&
			    (!best || Math.abs(b - a) > Math.abs(best.b - best.a)))
				best = { feature: name, a, b, at: i };
		}
	}
	plan.counter = best;
	const words = text(doc);
	const side = SIDE_VIEWS.includes(poses.camera);
	const upright = kf[0] && Math.abs(kf[0].trunk) < 45;
	if (side && /\bchin\b|back of (your|the) head|head back|neck long|poke/i.test(words))
		plan.flags.push('chin');
	if (side && upright && /low(er)? back|\barch/i.test(words))
		plan.flags.push('low-back');
	if ((doc.motions || []).includes('rotation') && /\bhips?\b|pelvis/i.test(words))
		plan.flags.push('hips');
	if (poses.camera !== 'top' && /shrug|\bears\b|shoulders? (down|low)/i.test(words))
		plan.flags.push('shrug');
	return plan;
}

function median(v) {
	const s = [...v].sort((x, y) => x - y);
	return s.length % 2 ? s[(s.length - 1) / 2] :
		(s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// How far toward the end keyframe value v is: 0 at the start, 1 at the end.
export function progress(counter, v) {
	return (v - counter.a) / (counter.b - counter.a);
}

// Reps with hysteresis: past END, then back under START, is one.
export class RepCounter {
	constructor(counter) {
		this.c = counter;
		this.count = 0;
		this.out = false;	// past END, not back yet
		this.last = [];
	}
	// A frame's value of the counted angle; returns 1 when it made a rep.
	push(v) {
		if (!Number.isFinite(v))
			return 0;
		// The median of three: one wrong frame does not count.
		this.last.push(v);
		if (this.last.length > 3)
			this.last.shift();
		const p = progress(this.c, median(this.last));
		this.p = p;
		if (!this.out && p >= END)
			this.out = true;
		else if (this.out && p <= START) {
			this.out = false;
			this.count++;
			return 1;
		}
		return 0;
	}
}

// A hold, timed only while the position is held (past END).
export class HoldTimer {
	constructor() {
		this.ms = 0;
		this.since = null;	// the last held frame's time
	}
	push(t, held) {
		if (held && this.since !== null)
			this.ms += Math.min(t - this.since, HOLD_GAP_MS);
		this.since = held ? t : null;
	}
	get seconds() {
		return Math.floor(this.ms / 1000);
	}
}

// One exercise watched: feed it frames, read what it found.
export class Watch {
	constructor(plan) {
		this.plan = plan;
		this.reps = plan.counter ? new RepCounter(plan.counter) : null;
		this.hold = new HoldTimer();
		this.base = null;	// the person's own start, per flag measure
		this.early = [];	// the first frames at the start position
		this.bad = {};		// flag -> since when it is wrong
		this.said = {};		// flag -> times said
		this.lastSaid = -Infinity;
		this.quiet = {};	// flag -> said, and not yet gone again
		this.lastSaidFlag = {};
	}

	// How far the keyframes move a flag's measure at progress p, from the
	// first keyframe toward the counted one.
	moved(name, p) {
		const kf = this.plan.kf, c = this.plan.counter;
		if (!c || !kf[0] || !kf[c.at] || !Number.isFinite(kf[0][name]) ||
		    !Number.isFinite(kf[c.at][name]))
			return 0;
		return (kf[c.at][name] - kf[0][name]) * Math.max(0, Math.min(1, p));
	}

	// The value a flag's measure should have at progress p: the person's
	// start, moved as the keyframes move.
	expected(name, p) {
		return this.base[name] + this.moved(name, p);
	}

	// How wrong flag name is in f (> limit: wrong), or NaN. The chin, the
	// lean and the shrug are let go as far as the exercise's own
	// keyframes move them the other way, but no farther the wrong way
	// than the person's own start: the model's head, from the ears, is
	// not the figure's, and a head that does not come back as far as the
	// figure's is not a poked chin.
	fault(name, f, p) {
		switch (name) {
		case 'chin':
			return f.chin - this.base.chin - Math.max(0, this.moved('chin', p));
		case 'low-back':
			return this.base.lean + Math.min(0, this.moved('lean', p)) - f.lean;
		case 'shrug':
			// Arms raised past the shoulders lift the shoulders' points
			// themselves, and a head dropped forward is nearer them:
			// neither is a shrug.
			if (f.shoulders > ARMS_UP || this.plan.flags.includes('chin') &&
			    this.fault('chin', f, p) > FLAGS.chin.limit / 2)
				return NaN;
			return this.base.shrug + Math.min(0, this.moved('shrug', p)) - f.shrug;
		case 'hips':
			if (this.plan.camera === 'top')
				return Math.abs(turn(f.hipline,
					this.expected('hipline', p))) / 15 *
					FLAGS.hips.limit;
			return 1 - f.hipwidth / this.expected('hipwidth', p);
		}
		return NaN;
	}

	// One frame at time t (ms) with the model's landmarks. Returns
	// { rep: 1 if a rep was made, held, said: [{flag, text}] }.
	frame(t, landmarks, aspect = 1) {
		const out = { rep: 0, held: false, said: [] };
		const f = features(pointsFromLandmarks(landmarks, aspect));
		if (!Number.isFinite(f.torso))
			return out;
		let p = 0;
		if (this.reps) {
			out.rep = this.reps.push(f[this.plan.counter.feature]);
			p = Number.isFinite(this.reps.p) ? this.reps.p : 0;
			out.held = Number.isFinite(this.reps.p) && p >= END;
		}
		this.hold.push(t, out.held);
		// The person's own start: the first three frames near it.
		if (this.base === null) {
			if (!this.reps || p <= START)
				this.early.push(f);
			if (this.early.length >= 3) {
				this.base = {};
				for (const k of ['chin', 'lean', 'shrug', 'hipline',
					'hipwidth'])
					this.base[k] = median(this.early.map((x) =>
						x[k]).filter(Number.isFinite));
			}
			return out;
		}
		for (const name of this.plan.flags) {
			const d = this.fault(name, f, p);
			const wrong = d > FLAGS[name].limit;
			// Said: not again until the fault has gone, for as long as
			// a fault must last to be said.
			const q = this.quiet[name];
			if (q) {
				if (wrong) {
					q.since = null;
					q.frames = 0;
				} else {
					q.since = q.since ?? t;
					q.frames++;
					if (t - q.since >= FLAG_HOLD_MS && q.frames >= 2)
						delete this.quiet[name];
				}
				continue;
			}
			if (!wrong) {
				delete this.bad[name];
				continue;
			}
			if (this.bad[name] === undefined) {
				this.bad[name] = { since: t, frames: 1 };
				continue;
			}
			this.bad[name].frames++;
			if (t - this.bad[name].since < FLAG_HOLD_MS ||
			    this.bad[name].frames < 2)
				continue;
			// Said once for as long as it lasts, and never within
			// FLAG_GAP_MS of anything said.
			if (t - this.lastSaid < FLAG_GAP_MS)
				continue;
			this.lastSaid = t;
			this.said[name] = (this.said[name] || 0) + 1;
			delete this.bad[name];
			this.quiet[name] = { since: null, frames: 0 };
			out.said.push({ flag: name,
				text: FLAGS[name].say(this.plan.props) });
		}
		return out;
	}
}
