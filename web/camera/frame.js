/*
 * camera/frame.js -- the camera frame: the person's camera, the pose
 * model (@mediapipe/pose, served by midback from /vendor/pose/), the
 * preview with the skeleton, and the judgement (form.js). It tells the
 * page that holds it (camera/panel.js) only what it found, by
 * postMessage to our own origin: the frames never leave this frame.
 *
 * Messages in (from the panel): { type: 'exercise', doc, poses } when
 * the exercise changes; { type: 'bench' } to read the frame number a
 * benchmark's video carries in its bottom rows; { type: 'rotation',
 * camera: 'front' | 'top' } to measure the rotation self-test's turn
 * instead (rotation.js), from the next picture on.
 * Messages out: ready, status, plan, keyframe, rep, hold, flag (see
 * panel.js); turn, while measuring the rotation (see pages/selftest.js).
 */
import { planFor, Watch } from './form.js';
import { RotationMeasure } from './rotation.js';

const video = document.getElementById('video');
const overlay = document.getElementById('overlay');
const statusEl = document.getElementById('status');
const ctx = overlay.getContext('2d');
const parentWin = window.parent;
/* In a page, the page shows the status beside the frame; the frame's own
 * line would sit below the preview, cut off, and be read out twice. */
if (parentWin !== window)
	document.body.classList.add('embedded');

// What a test or benchmark reads (window.midbackCamera in this frame).
const stats = window.midbackCamera = {
	frames: 0, seen: 0, ms: [], reps: 0, said: [], startedAt: 0, ps: [],
	firstResultAt: 0, bench: false, marks: [],
};

let watch = null, exercise = null, lastHold = -1, lastKey = 0, rotation = null;

function tell(msg) {
	if (parentWin !== window)
		parentWin.postMessage(msg, location.origin);
}
function status(text) {
	statusEl.textContent = text;
	tell({ type: 'status', text });
}

window.addEventListener('message', (ev) => {
	if (ev.origin !== location.origin || ev.source !== parentWin)
		return;
	const m = ev.data || {};
	if (m.type === 'exercise') {
		exercise = m.doc ? m.doc.id : null;
		watch = m.doc && m.poses ? new Watch(planFor(m.doc, m.poses)) : null;
		lastHold = -1;
		lastKey = 0;
		if (watch)
			tell({ type: 'plan', exercise, counts: !!watch.plan.counter, hold: watch.plan.hold, flags: watch.plan.flags });
	} else if (m.type === 'bench')
		stats.bench = true;
	else if (m.type === 'rotation') {
		rotation = new RotationMeasure(m.camera);
		watch = null;
		stats.turns = [];
	}
});

// The skeleton the model sees, over the preview.
const BONES = [[11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24],
	[23, 24], [23, 25], [25, 27], [24, 26], [26, 28], [7, 0], [0, 8]];
function draw(lms) {
	ctx.clearRect(0, 0, overlay.width, overlay.height);
	if (!lms)
		return;
	const W = overlay.width, H = overlay.height;
	ctx.lineWidth = 3;
	ctx.strokeStyle = '#4ade80';
	ctx.beginPath();
	for (const [a, b] of BONES) {
		if (lms[a].visibility < 0.5 || lms[b].visibility < 0.5)
			continue;
		ctx.moveTo(lms[a].x * W, lms[a].y * H);
		ctx.lineTo(lms[b].x * W, lms[b].y * H);
	}
	ctx.stroke();
}

// The frame number a benchmark's video writes in its bottom 8 rows:
// 16 blocks, dark 1 and light 0, the first the highest bit.
let probe = null;
function frameNumber() {
	const w = video.videoWidth, hgt = video.videoHeight;
	if (!w || !hgt)
		return -1;
	probe = probe || new OffscreenCanvas(w, 8);
	const c = probe.getContext('2d', { willReadFrequently: true });
	c.drawImage(video, 0, hgt - 8, w, 8, 0, 0, w, 8);
	const px = c.getImageData(0, 4, w, 1).data;
	let n = 0;
	for (let i = 0; i < 16; i++) {
		const x = Math.floor((i + 0.5) * w / 16);
		n = n * 2 + (px[x * 4] < 128 ? 1 : 0);
	}
	return n;
}

function onResults(r) {
	const now = performance.now();
	stats.seen++;
	if (!stats.firstResultAt)
		stats.firstResultAt = now;
	draw(r.poseLandmarks);
	if (!r.poseLandmarks)
		stats.ps.push('none');
	/* No one found for a while: say so, once, and again when found. */
	if (r.poseLandmarks) {
		lastFound = now;
		if (missing) {
			missing = false;
			status(WATCHING);
		}
	} else if (!missing && now - Math.max(lastFound, stats.firstResultAt) > MISSING_MS) {
		missing = true;
		status('No one in view: move back until all of you is in the picture, in good light.');
	}
	if (rotation) {
		measureTurn(r.poseLandmarks);
		return;
	}
	if (!watch || !r.poseLandmarks)
		return;
	const aspect = video.videoWidth / video.videoHeight || 4 / 3;
	const out = watch.frame(now, r.poseLandmarks, aspect);
	/* The keyframe the person is nearest, for the panel's figure: the
	   start or the counted end by the progress; a hold, its end. */
	const c = watch.plan.counter;
	const p = watch.reps ? watch.reps.p : NaN;
	const k = c && Number.isFinite(p) ? (p >= 0.5 ? c.at + 1 : 1) :
		!c && watch.plan.kf.length ? (watch.plan.hold ? watch.plan.kf.length : 1) : 0;
	if (k && k !== lastKey) {
		lastKey = k;
		tell({ type: 'keyframe', exercise, k });
	}
	/* The last progress values, rounded, for a test to read. */
	stats.ps.push(watch.reps && Number.isFinite(watch.reps.p) ? Math.round(watch.reps.p * 100) / 100 : null);
	if (stats.ps.length > 50)
		stats.ps.shift();
	if (out.rep) {
		stats.reps = watch.reps.count;
		tell({ type: 'rep', exercise, count: watch.reps.count });
	}
	const held = watch.hold.seconds;
	if (held !== lastHold && watch.plan.hold && held > 0) {
		lastHold = held;
		tell({ type: 'hold', exercise, seconds: held });
	}
	for (const s of out.said) {
		stats.said.push(s.flag);
		tell({ type: 'flag', exercise, flag: s.flag, text: s.text });
	}
	if (stats.bench)
		stats.marks.push({ at: now, sentAt, frame: current, rep: out.rep, said: out.said.map((x) => x.flag), p: watch.reps ? watch.reps.p : null });
}

// The rotation self-test: the turn in each picture, each try as it
// ends, the best of three each side when all six are done.
function measureTurn(lms) {
	const aspect = video.videoWidth / video.videoHeight || 4 / 3;
	const out = rotation.frame(lms, aspect);
	const angle = Number.isFinite(out.angle) ? Math.round(out.angle) : null;
	stats.turns.push(angle);
	if (stats.turns.length > 50)
		stats.turns.shift();
	tell({ type: 'turn', seen: out.seen, angle, tried: out.tried, done: out.done,
		best: rotation.best, result: rotation.result() });
	if (out.done)
		rotation = null;	/* measured: nothing more to send */
}

let current = -1, sentAt = 0;
let lastFound = 0, missing = false;
const MISSING_MS = 3000;
const WATCHING = 'Watching. The preview is mirrored, as a mirror is.';

async function run() {
	if (typeof Pose !== 'function') {
		status('The camera mode’s model is not installed here.');
		return;
	}
	let stream;
	try {
		stream = await navigator.mediaDevices.getUserMedia({
			video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
	} catch (e) {
		status('No camera: ' + (e.message || e.name) + '.');
		return;
	}
	video.srcObject = stream;
	await video.play();
	overlay.width = video.videoWidth || 640;
	overlay.height = video.videoHeight || 480;
	status('Loading the pose model…');
	/* global Pose */
	const pose = new Pose({ locateFile: (f) => '/vendor/pose/' + f });
	pose.setOptions({ modelComplexity: 0, smoothLandmarks: true, minDetectionConfidence: 0.5, minTrackingConfidence: 0.5 });
	pose.onResults(onResults);
	await pose.initialize();
	stats.startedAt = performance.now();
	status(WATCHING);
	tell({ type: 'ready' });
	for (;;) {
		if (video.readyState >= 2) {
			const t0 = sentAt = performance.now();
			if (stats.bench)
				current = frameNumber();
			await pose.send({ image: video });
			stats.ms.push(performance.now() - t0);
			stats.frames++;
		}
		await new Promise((res) => setTimeout(res, 0));
	}
}

run().catch((e) => status('The camera mode stopped: ' + (e.message || e) + '.'));
