// rotation.js -- the seated rotation self-test measured by the camera,
// with no DOM: from the pose model's landmarks, how far the shoulder line
// has turned against the hip line, which way, and the best of three tries
// each side. The camera frame (web/camera/frame.js) feeds it when the
// self-test page asks; tests/web/rotation.test.mjs runs it in node over
// landmarks made by turning a shoulder line in 3D and projecting it.
//
// The person sits with the hips square and still, arms crossed, so the
// hip line is the reference the shoulder line turns against.
//
// Seen from the front (camera 'front', a laptop's camera ahead): a line
// turned by a from the picture's plane looks cos(a) as wide, so the
// shoulder line's width over the hip line's, against the same ratio when
// facing the camera, is cos(a). Facing the camera is when the shoulders
// look widest against the hips: the start is the widest ratio seen, so
// a measure that begins mid-turn corrects itself when the person faces
// the camera. Which way: the shoulder that comes toward the camera (the
// model's z, smaller is nearer), and the nose moving the same way.
//
// Seen from above (camera 'top'): the angle is the shoulder line's
// direction against the hip line's in the picture, with the picture as
// the camera above sees it, the person's front toward the picture's
// bottom (not mirrored): the left shoulder on the picture's right, as
// from the front, and a turn to the left counter-clockwise.

import { LANDMARK, VISIBLE } from './form.js';

// A try begins past this turn (degrees) ...
export const CENTRE = 20;
// ... and ends back under this one; its angle is the farthest turn
// between. Shoulders 6% narrower than facing already read 20 degrees
// (cos 20 is 0.94), and the model's widths waver by a few percent from
// one picture to the next, so the middle is wide, with a margin between
// leaving and coming back. The best of this many each side is kept.
export const BACK = 12;
export const TRIES = 3;
// The two answers' range (the self-test's questions: 0 to 90 degrees).
export const MAX = 90;

const DEG = 180 / Math.PI;

// The points used, in picture units (x times the picture's aspect), with
// z on x's scale: name -> {x, y, z, v}.
function points(lms, aspect) {
	const p = {};
	for (const name of ['nose', 'left_shoulder', 'right_shoulder', 'left_hip', 'right_hip']) {
		const l = lms && lms[LANDMARK[name]];
		if (l)
			p[name] = { x: l.x * aspect, y: l.y, z: (l.z ?? 0) * aspect, v: l.visibility ?? 1 };
	}
	return p;
}

function seen(p, ...names) {
	return names.every((n) => p[n] && p[n].v >= VISIBLE);
}

function width(a, b) {
	return Math.hypot(a.x - b.x, a.y - b.y);
}

// What one picture shows: null when the shoulders and hips are not all
// seen; else { ratio, hips, lean, nose } for a front camera (the width
// ratio, the hip width, how much nearer the right shoulder is than the
// left in shoulder widths, the nose's place across the shoulders), or
// { twist } seen from above (degrees, left positive).
export function observe(lms, aspect = 4 / 3, camera = 'front') {
	const p = points(lms, aspect);
	if (!seen(p, 'left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'))
		return null;
	const ls = p.left_shoulder, rs = p.right_shoulder, lh = p.left_hip, rh = p.right_hip;
	const sw = width(ls, rs), hw = width(lh, rh);
	if (!(sw > 0) || !(hw > 0))
		return null;
	if (camera === 'top') {
		const dir = (a, b) => Math.atan2(b.y - a.y, b.x - a.x) * DEG;
		let d = dir(ls, rs) - dir(lh, rh);
		while (d > 180) d -= 360;
		while (d < -180) d += 360;
		return { twist: -d };
	}
	const o = { ratio: sw / hw, hips: hw, lean: (ls.z - rs.z) / sw, nose: NaN };
	if (seen(p, 'nose'))
		o.nose = (p.nose.x - (ls.x + rs.x) / 2) / sw;
	return o;
}

// The turn in one picture against the start, degrees, left positive, or
// NaN. start is what observe() gave facing the camera.
export function turnFrom(start, o) {
	if (!o)
		return NaN;
	if ('twist' in o)
		return o.twist;
	if (!start)
		return NaN;
	const c = Math.max(0, Math.min(1, o.ratio / start.ratio));
	const a = Math.acos(c) * DEG;
	// Which way: the right shoulder nearer than at the start (the left
	// shoulder seen to the picture's right, facing the camera, moves
	// back), and the nose moving toward the person's left (the
	// picture's right); the z counts first, the nose when z says little.
	let way = o.lean - start.lean;
	if (Number.isFinite(o.nose) && Number.isFinite(start.nose))
		way += (o.nose - start.nose);
	return way >= 0 ? a : -a;
}

// A measure from a stream of pictures: the turn in each, the tries, the
// best of three each side.
export class RotationMeasure {
	constructor(camera = 'front') {
		this.camera = camera === 'top' ? 'top' : 'front';
		this.start = null;
		this.best = { left: [], right: [] };
		this.side = null;
		this.peak = 0;
		this.angle = NaN;
	}

	// One picture's landmarks (aspect: its width over its height).
	// Returns { seen, angle, side, tried, done }: whether the shoulders
	// and hips were seen, the turn now (degrees, left positive, NaN
	// until the start), the side of the try under way, a try just
	// finished ({ side, angle }), and whether all six are done.
	frame(lms, aspect = 4 / 3) {
		const o = observe(lms, aspect, this.camera);
		const out = { seen: !!o, angle: NaN, side: this.side, tried: null, done: this.done() };
		if (!o || out.done)
			return out;
		if (this.camera === 'front' && (!this.start || o.ratio > this.start.ratio))
			this.start = o;
		const a = turnFrom(this.start, o);
		this.angle = out.angle = a;
		if (!Number.isFinite(a))
			return out;
		const size = Math.abs(a);
		if (this.side === null && size >= CENTRE) {
			this.side = a > 0 ? 'left' : 'right';
			this.peak = 0;
		}
		if (this.side !== null) {
			// A turn past the middle to the other side ends the try too.
			const back = size < BACK || (a > 0) !== (this.side === 'left');
			if (!back)
				this.peak = Math.max(this.peak, size);
			else {
				const side = this.side;
				const got = Math.min(MAX, Math.round(this.peak));
				if (this.best[side].length < TRIES)
					this.best[side].push(got);
				out.tried = { side, angle: got };
				this.side = null;
				if (size >= CENTRE) {	/* already into a try the other way */
					this.side = a > 0 ? 'left' : 'right';
					this.peak = size;
				}
			}
		}
		out.side = this.side;
		out.done = this.done();
		return out;
	}

	done() {
		return this.best.left.length >= TRIES && this.best.right.length >= TRIES;
	}

	// The best of each side's tries (null for a side with none).
	result() {
		const b = (xs) => (xs.length ? Math.max(...xs) : null);
		return { left: b(this.best.left), right: b(this.best.right) };
	}
}
