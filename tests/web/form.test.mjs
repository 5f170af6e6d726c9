// form.test.mjs -- the camera mode's judgement (web/camera/form.js) over
// landmark sequences made from the catalog's keyframes: the joints'
// places that `midback serve` gives for each keyframe, moved from one
// keyframe to the next, laid out as the pose model gives its 33
// landmarks (normalized to a 4:3 picture, with a little noise), and
// changed as a person would to show each fault. Run by tests/edge/t-form.sh,
// which fetches the exercises into $EXERCISES.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	LANDMARK, FLAG_GAP_MS, planFor, Watch, RepCounter, HoldTimer, features,
	pointsFromView, pointsFromLandmarks,
} from '../../web/camera/form.js';

const DIR = process.env.EXERCISES;
if (!DIR)
	throw new Error('EXERCISES must name the folder t-form.sh fills');
function load(id) {
	const doc = JSON.parse(readFileSync(join(DIR, `${id}.doc.json`), 'utf8'));
	const poses = JSON.parse(readFileSync(join(DIR, `${id}.poses.json`), 'utf8'));
	return { doc, poses, plan: planFor(doc, poses) };
}

// A small, repeatable noise (a linear congruential generator).
function noise(seed) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32 - 0.5;
	};
}

const ASPECT = 4 / 3;

// The view points (cm) of keyframes i and j mixed at q (0..1).
function mix(poses, i, j, q) {
	const a = poses.keyframes[i].view, b = poses.keyframes[j].view;
	const out = {};
	for (const k of Object.keys(a))
		out[k] = [a[k][0] + (b[k][0] - a[k][0]) * q,
			a[k][1] + (b[k][1] - a[k][1]) * q];
	return out;
}

const UPPER = ['nose', 'head', 'left_shoulder', 'right_shoulder', 'left_elbow',
	'right_elbow', 'left_wrist', 'right_wrist'];

// A fault, as a person shows it, on view points v (cm).
function fault(v, kind, amount, poses) {
	const sm = [(v.left_shoulder[0] + v.right_shoulder[0]) / 2,
		(v.left_shoulder[1] + v.right_shoulder[1]) / 2];
	const hm = [(v.left_hip[0] + v.right_hip[0]) / 2,
		(v.left_hip[1] + v.right_hip[1]) / 2];
	const torso = Math.hypot(sm[0] - hm[0], sm[1] - hm[1]);
	const facing = Math.sign(v.nose[0] - v.head[0]);
	const o = structuredClone(v);
	switch (kind) {
	case 'chin':	// the head slides forward
		for (const k of ['nose', 'head'])
			o[k][0] += facing * 0.25 * torso * amount;
		break;
	case 'low-back': {	// the trunk tips back from the hips
		const a = -facing * 16 * amount * Math.PI / 180;
		for (const k of UPPER) {
			const x = o[k][0] - hm[0], y = o[k][1] - hm[1];
			o[k] = [hm[0] + x * Math.cos(a) - y * Math.sin(a),
				hm[1] + x * Math.sin(a) + y * Math.cos(a)];
		}
		break;
	}
	case 'shrug':	// the shoulders rise toward the ears
		for (const k of ['left_shoulder', 'right_shoulder', 'left_elbow',
			'right_elbow', 'left_wrist', 'right_wrist'])
			o[k][1] -= 0.13 * torso * amount;
		break;
	case 'hips':	// the hips turn with the chest
		if (poses.camera === 'top') {
			const a = 30 * amount * Math.PI / 180;
			for (const k of ['left_hip', 'right_hip']) {
				const x = o[k][0] - hm[0], y = o[k][1] - hm[1];
				o[k] = [hm[0] + x * Math.cos(a) - y * Math.sin(a),
					hm[1] + x * Math.sin(a) + y * Math.cos(a)];
			}
		} else {
			for (const k of ['left_hip', 'right_hip'])
				for (const c of [0, 1])
					o[k][c] = hm[c] + (o[k][c] - hm[c]) *
						(1 - 0.5 * amount);
		}
		break;
	}
	return o;
}

// View points (cm) as the model's landmarks in a 4:3 picture: the whole
// movement fits in its middle; the ears beside the head.
function landmarks(poses, v, rnd) {
	let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
	for (const k of poses.keyframes)
		for (const p of Object.values(k.view)) {
			x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]);
			y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]);
		}
	const scale = 0.7 / Math.max((x1 - x0) / ASPECT, y1 - y0);
	const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
	const at = (p) => ({
		x: (0.5 * ASPECT + (p[0] - cx) * scale + rnd() * 0.004) / ASPECT,
		y: 0.5 + (p[1] - cy) * scale + rnd() * 0.004,
		z: 0, visibility: 0.95,
	});
	const lms = Array.from({ length: 33 }, () => ({ x: 0, y: 0, z: 0,
		visibility: 0.1 }));
	for (const [name, i] of Object.entries(LANDMARK)) {
		let p = v[name];
		if (name === 'left_ear' || name === 'right_ear') {
			const s = v[name === 'left_ear' ? 'left_shoulder' :
				'right_shoulder'];
			const sm = [(v.left_shoulder[0] + v.right_shoulder[0]) / 2,
				(v.left_shoulder[1] + v.right_shoulder[1]) / 2];
			p = [v.head[0] + (s[0] - sm[0]) * 0.35, v.head[1] +
				(s[1] - sm[1]) * 0.35];
		}
		lms[i] = at(p);
	}
	return lms;
}

// A session in frames: fps frames a second; each step is
// { to: progress 0..1, s: seconds to get there, fault, amount }.
function play(x, steps, { fps = 10, seed = 1 } = {}) {
	const w = new Watch(x.plan), rnd = noise(seed);
	const at = x.plan.counter ? x.plan.counter.at : x.poses.keyframes.length - 1;
	let t = 0, q = 0, reps = 0;
	const said = [];
	for (const st of steps) {
		const n = Math.max(1, Math.round(st.s * fps));
		const from = q;
		for (let i = 1; i <= n; i++) {
			q = from + (st.to - from) * i / n;
			let v = mix(x.poses, 0, at, q);
			if (st.fault)
				v = fault(v, st.fault, st.amount ?? 1, x.poses);
			const r = w.frame(t, landmarks(x.poses, v, rnd), ASPECT);
			reps += r.rep;
			for (const s of r.said)
				said.push({ ...s, t });
			t += 1000 / fps;
		}
	}
	return { w, reps, said, t };
}

function reps(n, extra = {}) {
	const s = [{ to: 0, s: 1 }];
	for (let i = 0; i < n; i++)
		s.push({ to: 1, s: 2, ...extra }, { to: 1, s: 0.5, ...extra },
			{ to: 0, s: 2, ...extra }, { to: 0, s: 0.5, ...extra });
	return s;
}

test('the counted angle is the one the keyframes move most', () => {
	const wa = load('wall-angel-standing');
	assert.ok(wa.plan.counter, 'wall angel has a counter');
	assert.ok(['shoulders', 'elbows'].includes(wa.plan.counter.feature),
		`wall angel counts ${wa.plan.counter.feature}`);
	assert.ok(Math.abs(wa.plan.counter.b - wa.plan.counter.a) >= 15);
	const db = load('dumbbell-twist');
	assert.ok(db.plan.counter, 'the twist has a counter');
	// Breathing moves no joint enough to count.
	assert.equal(load('diaphragmatic-breathing').plan.counter, null);
});

test('the flags follow the cues and what the camera sees', () => {
	assert.deepEqual(load('posture-reset').plan.flags.sort(),
		['chin', 'low-back'].sort());
	assert.ok(load('chair-extension').plan.flags.includes('low-back'));
	assert.ok(load('shoulder-rolls').plan.flags.includes('shrug'));
	assert.ok(load('open-book').plan.flags.includes('hips'));
	assert.ok(load('dumbbell-twist').plan.flags.includes('hips'));
	// Seen from the front, a chin poke does not show: not asked.
	assert.ok(!load('wall-angel-standing').plan.flags.includes('chin'));
	// Nothing in the cues: nothing watched.
	assert.deepEqual(load('diaphragmatic-breathing').plan.flags, []);
});

for (const id of ['wall-angel-standing', 'dumbbell-twist', 'chair-extension',
	'posture-reset', 'shoulder-rolls', 'band-rotation']) {
	test(`${id}: 6 reps counted as 6, with nothing said`, () => {
		const x = load(id);
		if (!x.plan.counter)
			assert.fail(`${id} has no counter`);
		const r = play(x, reps(6), { seed: id.length });
		assert.equal(r.reps, 6);
		assert.equal(r.w.reps.count, 6);
		assert.deepEqual(r.said, []);
	});
}

// The prone Y, T and W goes through all its keyframes: a rep is a Y, a T
// and a W, then back to the Y. The counted angle is the elbows' bend from
// the straight arms of the Y to the W, so the rep counts at the W's lift
// and its return to the Y, and a Y and T alone are not a rep.
test('prone-ytw: a Y, a T and a W, then back to the Y, is one rep', () => {
	const x = load('prone-ytw');
	assert.ok(x.plan.counter, 'prone-ytw has a counter');
	assert.equal(x.plan.counter.feature, 'elbows');
	assert.equal(x.plan.counter.at, x.poses.keyframes.length - 1);
	const go = (path, n) => {
		const w = new Watch(x.plan), rnd = noise(5), said = [];
		let t = 0, reps = 0;
		const frame = (v) => {
			const r = w.frame(t, landmarks(x.poses, v, rnd), ASPECT);
			reps += r.rep;
			said.push(...r.said);
			t += 100;
		};
		for (let i = 0; i < 10; i++)
			frame(x.poses.keyframes[0].view);
		for (let r = 0; r < n; r++)
			for (let s = 0; s + 1 < path.length; s++)
				for (let i = 1; i <= 15; i++)
					frame(mix(x.poses, path[s], path[s + 1], i / 15));
		return { reps, count: w.reps.count, said };
	};
	const ytw = go([0, 1, 2, 3, 0], 6);
	assert.equal(ytw.reps, 6);
	assert.equal(ytw.count, 6);
	assert.deepEqual(ytw.said, []);
	// Through every keyframe and back the same way: one rep too.
	assert.equal(go([0, 1, 2, 3, 2, 1, 0], 3).reps, 3);
	// A Y and a T without the W: not a rep.
	assert.equal(go([0, 1, 2, 1, 0], 3).reps, 0);
});

test('the counter: a wobble near the end is not a rep (hysteresis)', () => {
	const c = new RepCounter({ feature: 'elbows', a: 90, b: 30, at: 1 });
	const seq = [90, 90, 90];
	// Out past the end, then wobbling between 40% and 90% of the way.
	for (let i = 0; i < 10; i++)
		seq.push(30, 30, 30, 66, 66, 66, 36, 36, 36);
	let n = 0;
	for (const v of seq)
		n += c.push(v);
	assert.equal(n, 0);
	for (const v of [90, 90, 90])
		n += c.push(v);
	assert.equal(n, 1);
	// One wild frame (the median of three) does not count either.
	for (const v of [90, 30, 90, 90, 90])
		n += c.push(v);
	assert.equal(n, 1);
	// Frames where the angle was not seen change nothing.
	assert.equal(c.push(NaN), 0);
});

test('a hold is timed only while the position is held', () => {
	const x = load('chest-opener');
	assert.ok(x.plan.counter, 'the chest opener moves into its hold');
	const r = play(x, [{ to: 0, s: 1 }, { to: 1, s: 1 }, { to: 1, s: 5 },
		{ to: 0, s: 1 }, { to: 0, s: 3 }, { to: 1, s: 1 }, { to: 1, s: 4 }]);
	// 5 s and 4 s held, and a little of each move in and out.
	assert.ok(r.w.hold.seconds >= 9 && r.w.hold.seconds <= 11,
		`held ${r.w.hold.seconds} s`);
	const h = new HoldTimer();
	h.push(0, true); h.push(1000, true); h.push(2000, false);
	h.push(60000, false); h.push(61000, true); h.push(61500, true);
	assert.equal(h.ms, 1500);
	// A long gap between frames counts 2 s at most.
	h.push(70000, true);
	assert.equal(h.ms, 3500);
});

// Each flag, on an exercise that asks for it: raised on frames made to
// show it, once and calmly, never again within 10 s; not on clean frames.
const CASES = [
	['chin', 'posture-reset', 'Let your chin come back'],
	['chin', 'breastbone-lift', 'Let your chin come back'],
	['low-back', 'posture-reset', 'there is no need to arch'],
	['low-back', 'chair-extension', 'there is no need to arch'],
	['chin', 'overhead-reach', 'Let your chin come back'],
	['low-back', 'overhead-reach', 'there is no need to arch'],
	['shrug', 'shoulder-rolls', 'Let your shoulders drop'],
	['shrug', 'overhead-reach', 'Let your shoulders drop'],
	['hips', 'open-book', 'Keep your hips still'],
	['hips', 'dumbbell-twist', 'Keep your hips still'],
	['hips', 'band-rotation', 'Keep your hips still'],
];
for (const [flag, id, words] of CASES) {
	test(`${flag} on ${id}: said once on a fault, at most every 10 s`, () => {
		const x = load(id);
		assert.ok(x.plan.flags.includes(flag), `${id} watches ${flag}`);
		// Two clean reps, then eight with the fault (about 40 s).
		const steps = [...reps(2), ...reps(8, { fault: flag }).slice(1)];
		const r = play(x, steps, { seed: 7 });
		const mine = r.said.filter((s) => s.flag === flag);
		assert.ok(mine.length >= 1, `${flag} was said`);
		assert.ok(mine[0].text.includes(words), mine[0].text);
		// Not before the fault began (2 clean reps: 1 s + 2 x 5 s).
		assert.ok(mine[0].t >= 11000, `said at ${mine[0].t} ms`);
		for (let i = 1; i < r.said.length; i++)
			assert.ok(r.said[i].t - r.said[i - 1].t >= FLAG_GAP_MS,
				'nothing said twice within 10 s');
		assert.ok(mine.length <= Math.ceil((r.t - 11000) / FLAG_GAP_MS));
		assert.equal(r.w.said[flag], mine.length);
		// The clean reps were counted (a fault may change the counted
		// angle itself: a poked chin is a posture reset not made).
		if (x.plan.counter)
			assert.ok(r.reps >= 2 && r.reps <= 10, `${r.reps} reps`);
	});
}

test('no flag on clean reps, nor on a brief fault', () => {
	for (const id of ['posture-reset', 'shoulder-rolls', 'open-book',
		'chair-extension']) {
		const x = load(id);
		const clean = play(x, reps(5), { seed: 3 });
		assert.deepEqual(clean.said, [], `${id} clean`);
		// A fault of a fifth of a second is let go.
		const brief = play(x, [...reps(2), { to: 0, s: 0.2,
			fault: x.plan.flags[0] }, { to: 0, s: 2 }], { seed: 4 });
		assert.deepEqual(brief.said, [], `${id} brief`);
	}
});

test('a keyframe measured through its own points is what the plan holds', () => {
	const x = load('wall-angel-standing');
	const f = features(pointsFromView(x.poses.keyframes[0].view));
	assert.equal(f[x.plan.counter.feature], x.plan.counter.a);
});

// The pose model's own landmarks, recorded on stills of the catalog's
// figure (tests/web/model-overhead-reach.json): the overhead reach at
// its start, at the top, at the top with the chin poked, at the top with
// the low back arched. The model's head and shoulders are not the
// figure's (the ears sit behind the head's centre, raised arms lift the
// shoulders' points): clean reps raise nothing, and each fault its flag.
const MODEL = JSON.parse(readFileSync(new URL('./model-overhead-reach.json',
	import.meta.url), 'utf8'));
function recorded(name) {
	return MODEL.frames[name].map(([x, y, visibility, z]) =>
		({ x, y, z, visibility }));
}
function replay(x, names) {
	const w = new Watch(x.plan);
	const said = [];
	let reps = 0;
	names.forEach((name, i) => {
		// About a frame a second, as the model runs here.
		const r = w.frame(i * 1000, recorded(name), ASPECT);
		reps += r.rep;
		for (const s of r.said)
			said.push({ ...s, at: i });
	});
	return { reps, said, w };
}
const run = (name, n) => Array(n).fill(name);

test('the model\'s own landmarks: clean reps count and raise nothing', () => {
	const x = load('overhead-reach');
	assert.deepEqual(x.plan.flags, ['chin', 'low-back', 'shrug']);
	const steps = run('start', 4);
	for (let i = 0; i < 4; i++)
		steps.push(...run('top', 3), ...run('start', 3));
	const r = replay(x, steps);
	assert.equal(r.reps, 4);
	assert.deepEqual(r.said, [], 'nothing said on clean reps, the arms up included');
});

test('the model\'s own landmarks: a poked chin and an arched low back are each said', () => {
	const x = load('overhead-reach');
	const steps = [...run('start', 4), ...run('top', 3), ...run('start', 3),
		...run('chin', 6), ...run('start', 4), ...run('low-back', 6),
		...run('start', 3)];
	const r = replay(x, steps);
	const chin = r.said.find((s) => s.flag === 'chin');
	const back = r.said.find((s) => s.flag === 'low-back');
	assert.ok(chin && chin.at >= 10 && chin.at < 16, 'chin said during its frames: ' + JSON.stringify(r.said));
	assert.ok(back && back.at >= 20 && back.at < 26, 'low back said during its frames: ' + JSON.stringify(r.said));
	assert.match(chin.text, /chin come back/);
	assert.match(back.text, /no need to arch your low back/);
	assert.ok(!r.said.some((s) => s.flag === 'shrug'), 'a poked chin is not taken for a shrug');
});

test('the shrug is not judged with the arms raised past the shoulders', () => {
	const x = load('overhead-reach');
	const w = new Watch(x.plan);
	for (let i = 0; i < 4; i++)
		w.frame(i * 1000, recorded('start'), ASPECT);
	const f = features(pointsFromLandmarks(recorded('top'), ASPECT));
	assert.ok(f.shoulders > 100, `arms up: ${f.shoulders}`);
	assert.ok(Number.isNaN(w.fault('shrug', f, 1)));
});

test('a note is said once for as long as its fault lasts, and again when it comes back', () => {
	const x = load('overhead-reach');
	// The chin poked for 30 s: said once, not every 10 s.
	const held = replay(x, [...run('start', 4), ...run('chin', 30), ...run('start', 3)]);
	assert.deepEqual(held.said.map((s) => s.flag), ['chin']);
	// Gone for 4 s, then back: said again.
	const back = replay(x, [...run('start', 4), ...run('chin', 6), ...run('top', 4),
		...run('start', 4), ...run('chin', 6)]);
	assert.deepEqual(back.said.map((s) => s.flag), ['chin', 'chin']);
	assert.ok(back.said[1].at - back.said[0].at >= FLAG_GAP_MS / 1000);
});
