// rotation.test.mjs -- the rotation self-test measured by the camera
// (web/camera/rotation.js) over landmarks made geometrically: a seated
// person's shoulders, hips and nose placed in 3D, the shoulder line (and
// the head with it) turned about the spine by a known angle while the
// hips stay square, projected as the pose model gives its landmarks
// (x and y normalized to a 4:3 picture, z on x's scale, smaller nearer
// the camera), with a little noise. Run by tests/edge/t-form.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANDMARK } from '../../web/camera/form.js';
import { RotationMeasure, observe, turnFrom, CENTRE, BACK, TRIES } from '../../web/camera/rotation.js';

const ASPECT = 4 / 3;
const RAD = Math.PI / 180;

// A small, repeatable noise (a linear congruential generator).
function noise(seed) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32 - 0.5;
	};
}

// The body in the room, in picture heights: x to the picture's right
// (the person's left, facing the camera), y down, z away from the camera.
// turn: degrees, left positive (the right shoulder comes toward the
// camera). scale: nearer the camera is bigger.
function body(turn, { scale = 1, hipTurn = 0 } = {}) {
	const rot = (a, [x, y, z]) => {
		const c = Math.cos(a * RAD), s = Math.sin(a * RAD);
		return [x * c - z * s, y, x * s + z * c];
	};
	const S = 0.2, H = 0.12;	/* shoulder and hip widths */
	const pts = {
		left_shoulder: rot(turn, [S / 2, -0.3, 0]),
		right_shoulder: rot(turn, [-S / 2, -0.3, 0]),
		nose: rot(turn, [0, -0.42, -0.06]),
		left_hip: rot(hipTurn, [H / 2, 0, 0]),
		right_hip: rot(hipTurn, [-H / 2, 0, 0]),
	};
	for (const k of Object.keys(pts))
		pts[k] = pts[k].map((v) => v * scale);
	return pts;
}

// Seen from the front: the 33 landmarks, centred in the picture.
function front(pts, { seed = 1, amp = 0.002, hidden = [], noZ = false } = {}) {
	const r = noise(seed);
	const lms = Array.from({ length: 33 }, () => ({ x: 0.5, y: 0.5, z: 0, visibility: 0.1 }));
	for (const [name, [x, y, z]] of Object.entries(pts))
		lms[LANDMARK[name]] = {
			x: 0.5 + x / ASPECT + amp * r(), y: 0.6 + y + amp * r(),
			z: noZ ? 0 : z / ASPECT + amp * r(), visibility: hidden.includes(name) ? 0.2 : 0.95,
		};
	return lms;
}

// Seen from above: the picture's x is the room's x, its y the room's z
// turned so the person's front is toward the picture's bottom.
function above(pts, seed = 1) {
	const r = noise(seed);
	const lms = Array.from({ length: 33 }, () => ({ x: 0.5, y: 0.5, z: 0, visibility: 0.1 }));
	for (const [name, [x, , z]] of Object.entries(pts))
		lms[LANDMARK[name]] = { x: 0.5 + x / ASPECT + 0.002 * r(), y: 0.5 - z + 0.002 * r(), z: 0, visibility: 0.95 };
	return lms;
}

// Near the middle the width changes little (cos 10 degrees is 0.985), so
// a pixel of noise moves the angle more there: within 6 degrees under 30.
test('from the front: the turn within 3 degrees each way from 30 to 70, within 6 under 30', () => {
	const start = observe(front(body(0)), ASPECT);
	for (const a of [0, 10, 20, 30, 45, 60, 70, -15, -30, -45, -60, -70]) {
		const got = turnFrom(start, observe(front(body(a), { seed: a + 100 }), ASPECT));
		assert.ok(Math.abs(got - a) <= (Math.abs(a) < 30 ? 6 : 3),
			`turned ${a}, measured ${got.toFixed(1)}`);
	}
});

test('the side from the shoulders\' depth alone, and from the nose alone', () => {
	for (const a of [25, -25, 50, -50]) {
		const noNose = new RotationMeasure();
		noNose.frame(front(body(0), { hidden: ['nose'] }));
		const z = noNose.frame(front(body(a), { hidden: ['nose'] })).angle;
		assert.equal(Math.sign(z), Math.sign(a), `by depth: turned ${a}, measured ${z}`);
		const flat = new RotationMeasure();
		flat.frame(front(body(0), { noZ: true }));
		const n = flat.frame(front(body(a), { noZ: true })).angle;
		assert.equal(Math.sign(n), Math.sign(a), `by the nose: turned ${a}, measured ${n}`);
		assert.ok(Math.abs(Math.abs(n) - Math.abs(a)) <= 3, `by the nose: ${n} for ${a}`);
	}
});

test('nearer or farther from the camera does not change the turn', () => {
	const m = new RotationMeasure();
	m.frame(front(body(0)));
	const near = m.frame(front(body(40, { scale: 1.25 }), { seed: 7 })).angle;
	const far = m.frame(front(body(40, { scale: 0.8 }), { seed: 8 })).angle;
	assert.ok(Math.abs(near - 40) <= 3 && Math.abs(far - 40) <= 3, `near ${near}, far ${far}`);
});

// A person's tries: facing, turning out to each peak through steps of
// 10 degrees, and back, the pictures as the model gives them.
function tries(m, peaks, { seed = 1 } = {}) {
	let k = seed;
	const outs = [];
	const at = (a) => outs.push(m.frame(front(body(a), { seed: k++ })));
	at(0);
	for (const p of peaks) {
		const s = Math.sign(p);
		for (let a = 0; Math.abs(a) < Math.abs(p); a += 10 * s)
			at(a);
		at(p);
		for (let a = p; a * s > 0; a -= 10 * s)
			at(a);
		at(0);
	}
	return outs;
}

test('best of three each side; a fourth try is not kept; then done', () => {
	const m = new RotationMeasure();
	const outs = tries(m, [38, -30, 44, -33, 41, -28, 60, -60]);
	const finished = outs.filter((o) => o.tried).map((o) => o.tried);
	assert.equal(finished.length, 2 * TRIES, JSON.stringify(finished));
	assert.deepEqual(finished.map((t) => t.side), ['left', 'right', 'left', 'right', 'left', 'right']);
	const want = [38, 30, 44, 33, 41, 28];
	finished.forEach((t, i) => assert.ok(Math.abs(t.angle - want[i]) <= 3, `try ${i}: ${t.angle} for ${want[i]}`));
	assert.ok(m.done());
	const r = m.result();
	assert.ok(Math.abs(r.left - 44) <= 3 && Math.abs(r.right - 33) <= 3, JSON.stringify(r));
	assert.ok(outs[outs.length - 1].done);
	assert.equal(m.best.left.length, TRIES);
});

test('a measure begun mid-turn starts again when the person faces the camera', () => {
	const m = new RotationMeasure();
	for (let i = 0; i < 3; i++)
		m.frame(front(body(35), { seed: 50 + i }));
	assert.equal(m.best.left.length + m.best.right.length, 0, 'no try from the first pictures');
	tries(m, [40], { seed: 60 });
	assert.equal(m.best.left.length, 1);
	assert.ok(Math.abs(m.best.left[0] - 40) <= 3, `${m.best.left[0]}`);
});

test('a turn straight through the middle to the other side ends one try and starts the next', () => {
	const m = new RotationMeasure();
	m.frame(front(body(0)));
	for (const a of [25, 40, 25, -25, -35, -10, 0])
		m.frame(front(body(a), { seed: a + 300 }));
	assert.equal(m.best.left.length, 1);
	assert.equal(m.best.right.length, 1);
	assert.ok(Math.abs(m.best.right[0] - 35) <= 3, `${m.best.right[0]}`);
});

test('a small turn is no try, and wavering near the end of one is a single try', () => {
	const m = new RotationMeasure();
	m.frame(front(body(0)));
	for (const a of [CENTRE - 8, CENTRE - 5, CENTRE - 8, 0])
		m.frame(front(body(a), { seed: a + 500 }));
	assert.equal(m.best.left.length, 0, 'short of the middle\'s edge: ' + JSON.stringify(m.best));
	/* out to 40, back to just under where the try began, out again, back */
	for (const a of [30, 40, CENTRE - 3, BACK + 4, 30, 10, 0])
		m.frame(front(body(a), { seed: a + 600 }));
	assert.equal(m.best.left.length, 1, JSON.stringify(m.best));
	assert.ok(Math.abs(m.best.left[0] - 40) <= 3, `${m.best.left[0]}`);
});

test('no measure when the hips are not seen', () => {
	const m = new RotationMeasure();
	const hid = { hidden: ['left_hip', 'right_hip'] };
	const outs = [0, 20, 40, 20, 0, -20, -40, -20, 0].map((a, i) => m.frame(front(body(a), { ...hid, seed: i })));
	assert.ok(outs.every((o) => !o.seen && Number.isNaN(o.angle) && !o.tried), JSON.stringify(outs));
	assert.equal(m.start, null);
	/* one hip is not enough either */
	assert.equal(observe(front(body(10), { hidden: ['left_hip'] }), ASPECT), null);
	assert.equal(observe(null, ASPECT), null);
});

test('from above: the shoulder line against the hip line, left positive', () => {
	for (const a of [0, 15, 30, 45, 60, -20, -45]) {
		const m = new RotationMeasure('top');
		const o = m.frame(above(body(a), a + 9));
		assert.ok(Math.abs(o.angle - a) <= 2, `turned ${a}, measured ${o.angle}`);
	}
	/* the hips turning too: only the difference counts */
	const o = new RotationMeasure('top').frame(above(body(40, { hipTurn: 15 })));
	assert.ok(Math.abs(o.angle - 25) <= 2, `${o.angle}`);
});
