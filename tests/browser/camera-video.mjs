// camera-video.mjs -- a video for Chromium's fake camera
// (--use-file-for-fake-video-capture=FILE.y4m): a person-like figure,
// large and thick (capsules for the limbs and trunk, a round head with a
// nose, dark outlines), drawn from an exercise's keyframes as midback
// serves them (GET /api/exercises/ID/poses, the joints' places as the
// figure's camera sees them), moving through a script of steps, some
// with a fault a person shows (the chin poked forward, the trunk leaning
// back from the hips). Each frame carries its number in its bottom 8
// rows (16 blocks, dark 1, the highest bit first), which the camera frame
// reads when a benchmark asks it to.
//
// The picture is grey (Y4M 4:2:0, the colour planes flat).
import { openSync, writeSync, closeSync } from 'node:fs';

// One step: { to: 0 | 1 (the start or the end keyframe), s: seconds,
// fault: 'chin' | 'low-back' | undefined }.
export function makeVideo(path, poses, steps, { width = 320, height = 240, fps = 5, at } = {}) {
	const kf = poses.keyframes;
	const end = at ?? kf.length - 1;
	// The frame: every keyframe's points inside the top 85%, centred.
	let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
	for (const k of kf)
		for (const p of Object.values(k.view)) {
			x0 = Math.min(x0, p[0] - 14); x1 = Math.max(x1, p[0] + 14);
			y0 = Math.min(y0, p[1] - 14); y1 = Math.max(y1, p[1] + 14);
		}
	const scale = Math.min(0.85 * height / (y1 - y0), 0.9 * width / (x1 - x0));
	const ox = width / 2 - (x0 + x1) / 2 * scale;
	const oy = 0.45 * height - (y0 + y1) / 2 * scale;
	const fd = openSync(path, 'w');
	writeSync(fd, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
	const Y = new Uint8Array(width * height);
	const UV = new Uint8Array(width * height / 2).fill(128);
	let q = 0, n = 0;
	const timeline = [];
	for (const st of steps) {
		const frames = Math.max(1, Math.round(st.s * fps));
		const from = q;
		for (let i = 1; i <= frames; i++) {
			q = from + (st.to - from) * i / frames;
			const v = pose(kf[0].view, kf[end].view, q, st.fault);
			draw(Y, width, height, v, scale, ox, oy);
			stamp(Y, width, height, n);
			writeSync(fd, 'FRAME\n');
			writeSync(fd, Y);
			writeSync(fd, UV);
			timeline.push({ frame: n, q, fault: st.fault || null });
			n++;
		}
	}
	closeSync(fd);
	return { frames: n, fps, timeline };
}

function pose(a, b, q, fault) {
	const v = {};
	for (const k of Object.keys(a))
		v[k] = [a[k][0] + (b[k][0] - a[k][0]) * q, a[k][1] + (b[k][1] - a[k][1]) * q];
	if (!fault)
		return v;
	const sm = mid(v.left_shoulder, v.right_shoulder), hm = mid(v.left_hip, v.right_hip);
	const torso = Math.hypot(sm[0] - hm[0], sm[1] - hm[1]);
	const facing = Math.sign(v.nose[0] - v.head[0]) || 1;
	if (fault === 'chin')
		for (const k of ['nose', 'head'])
			v[k][0] += facing * 0.3 * torso;
	if (fault === 'low-back') {
		const ang = -facing * 20 * Math.PI / 180;
		for (const k of ['nose', 'head', 'left_shoulder', 'right_shoulder', 'left_elbow',
			'right_elbow', 'left_wrist', 'right_wrist']) {
			const x = v[k][0] - hm[0], y = v[k][1] - hm[1];
			v[k] = [hm[0] + x * Math.cos(ang) - y * Math.sin(ang),
				hm[1] + x * Math.sin(ang) + y * Math.cos(ang)];
		}
	}
	return v;
}

function mid(a, b) {
	return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

// The body as capsules (cm): [a, b, radius, luma].
function parts(v) {
	const sm = mid(v.left_shoulder, v.right_shoulder), hm = mid(v.left_hip, v.right_hip);
	const sw = Math.hypot(v.left_shoulder[0] - v.right_shoulder[0],
		v.left_shoulder[1] - v.right_shoulder[1]);
	const trunk = Math.max(11, sw / 2);
	const p = [];
	// The far side first, lighter, so the near side is drawn over it.
	for (const [side, luma] of [['right', 150], ['left', 110]]) {
		const n = (x) => v[`${side}_${x}`];
		p.push([n('hip'), n('knee'), 8, luma], [n('knee'), n('ankle'), 6, luma]);
	}
	p.push([sm, hm, trunk, 120], [sm, v.head, 5, 150], [v.head, v.head, 10.5, 185],
		[v.nose, v.nose, 2.5, 185]);
	for (const [side, luma] of [['right', 140], ['left', 95]]) {
		const n = (x) => v[`${side}_${x}`];
		p.push([n('shoulder'), n('elbow'), 5.5, luma], [n('elbow'), n('wrist'), 4.5, luma],
			[n('wrist'), n('wrist'), 5, luma]);
	}
	return p;
}

function draw(Y, W, H, v, scale, ox, oy) {
	Y.fill(235);
	const OUTLINE = 2.2;	// pixels
	for (const [a, b, r, luma] of parts(v)) {
		const ax = ox + a[0] * scale, ay = oy + a[1] * scale;
		const bx = ox + b[0] * scale, by = oy + b[1] * scale;
		const rr = r * scale;
		const minx = Math.max(0, Math.floor(Math.min(ax, bx) - rr - 1));
		const maxx = Math.min(W - 1, Math.ceil(Math.max(ax, bx) + rr + 1));
		const miny = Math.max(0, Math.floor(Math.min(ay, by) - rr - 1));
		const maxy = Math.min(H - 9, Math.ceil(Math.max(ay, by) + rr + 1));
		const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
		for (let y = miny; y <= maxy; y++)
			for (let x = minx; x <= maxx; x++) {
				let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
				t = Math.max(0, Math.min(1, t));
				const d = Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
				if (d <= rr)
					Y[y * W + x] = d > rr - OUTLINE ? 40 : luma;
			}
	}
}

function stamp(Y, W, H, n) {
	for (let i = 0; i < 16; i++) {
		const bit = (n >> (15 - i)) & 1;
		const xa = Math.floor(i * W / 16), xb = Math.floor((i + 1) * W / 16);
		for (let y = H - 8; y < H; y++)
			for (let x = xa; x < xb; x++)
				Y[y * W + x] = bit ? 16 : 235;
	}
}
