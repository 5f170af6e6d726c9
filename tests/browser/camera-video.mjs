// camera-video.mjs -- videos for Chromium's fake camera
// (--use-file-for-fake-video-capture=FILE.y4m) made of the catalog's own
// figure: keyframes as `midback show --svg --pose N` draws them, with a
// face drawn on the head (the pose model's person detector looks for
// one), each shown for as long as a script of steps says. Each frame
// carries its number in its bottom 8 rows (16 blocks, dark 1, the
// highest bit first), which the camera frame reads when a benchmark asks
// it to.
import { openSync, writeSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';

function stamp(Y, W, H, n) {
	for (let i = 0; i < 16; i++) {
		const bit = (n >> (15 - i)) & 1;
		const xa = Math.floor(i * W / 16), xb = Math.floor((i + 1) * W / 16);
		for (let y = H - 8; y < H; y++)
			for (let x = xa; x < xb; x++)
				Y[y * W + x] = bit ? 16 : 235;
	}
}

// A video from the catalog's own figure: stills (PNG files, as
// rsvg-convert renders `midback show --svg --pose N`), each placed at the
// centre of a plain light frame, in colour (Y4M 4:2:0), shown as the
// steps say ({ still: index, s: seconds }); each frame carries its
// number as makeVideo's do. Returns { frames, fps, timeline } with each
// frame's still.
export function makeStillsVideo(path, pngs, steps, { width = 640, height = 480, fps = 5 } = {}) {
	const planes = pngs.map((f) => yuv(readPng(f), width, height));
	const fd = openSync(path, 'w');
	writeSync(fd, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
	let n = 0;
	const timeline = [];
	for (const st of steps) {
		const frames = Math.max(1, Math.round(st.s * fps));
		const [Y, U, V] = planes[st.still];
		for (let i = 0; i < frames; i++) {
			const y = Uint8Array.from(Y);
			stamp(y, width, height, n);
			writeSync(fd, 'FRAME\n');
			writeSync(fd, y);
			writeSync(fd, U);
			writeSync(fd, V);
			timeline.push({ frame: n, still: st.still, fault: st.fault || null });
			n++;
		}
	}
	closeSync(fd);
	return { frames: n, fps, timeline };
}

// An image centred on a light frame of W x H, above the number's rows,
// as the Y, U and V planes (BT.601, full range).
function yuv(img, W, H) {
	const Y = new Uint8Array(W * H).fill(240);
	const U = new Uint8Array(W * H / 4).fill(128), V = new Uint8Array(W * H / 4).fill(128);
	const R = new Float32Array(W * H).fill(240), G = new Float32Array(W * H).fill(240),
		B = new Float32Array(W * H).fill(240);
	const ox = Math.floor((W - img.w) / 2), oy = Math.max(0, Math.floor((H - 8 - img.h) / 2));
	for (let y = 0; y < img.h && oy + y < H - 8; y++)
		for (let x = 0; x < img.w; x++) {
			const X = ox + x;
			if (X < 0 || X >= W)
				continue;
			const s = (y * img.w + x) * 4, a = img.px[s + 3] / 255, d = (oy + y) * W + X;
			R[d] = img.px[s] * a + 240 * (1 - a);
			G[d] = img.px[s + 1] * a + 240 * (1 - a);
			B[d] = img.px[s + 2] * a + 240 * (1 - a);
		}
	for (let i = 0; i < W * H; i++)
		Y[i] = Math.round(0.299 * R[i] + 0.587 * G[i] + 0.114 * B[i]);
	for (let y = 0; y < H / 2; y++)
		for (let x = 0; x < W / 2; x++) {
			let r = 0, g = 0, b = 0;
			for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
				const i = (2 * y + dy) * W + 2 * x + dx;
				r += R[i] / 4; g += G[i] / 4; b += B[i] / 4;
			}
			U[y * W / 2 + x] = Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
			V[y * W / 2 + x] = Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
		}
	return [Y, U, V];
}

// A PNG file's pixels as RGBA (8 bits a sample, not interlaced: what
// rsvg-convert writes).
export function readPng(file) {
	const buf = readFileSync(file);
	let at = 8, w = 0, h = 0, type = 0;
	const idat = [];
	while (at < buf.length) {
		const len = buf.readUInt32BE(at), kind = buf.toString('latin1', at + 4, at + 8);
		const data = buf.subarray(at + 8, at + 8 + len);
		if (kind === 'IHDR') {
			w = data.readUInt32BE(0); h = data.readUInt32BE(4); type = data[9];
			if (data[8] !== 8 || data[12] !== 0 || (type !== 6 && type !== 2))
				throw new Error(`${file}: not an 8-bit RGB(A) non-interlaced PNG`);
		} else if (kind === 'IDAT')
			idat.push(data);
		at += 12 + len;
	}
	const raw = inflateSync(Buffer.concat(idat));
	const bpp = type === 6 ? 4 : 3, stride = w * bpp;
	const px = new Uint8Array(w * h * 4);
	let prev = new Uint8Array(stride);
	for (let y = 0; y < h; y++) {
		const f = raw[y * (stride + 1)];
		const line = Uint8Array.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
		for (let i = 0; i < stride; i++) {
			const a = i >= bpp ? line[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
			let p = 0;
			if (f === 1) p = a;
			else if (f === 2) p = b;
			else if (f === 3) p = (a + b) >> 1;
			else if (f === 4) {
				const q = a + b - c, pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c);
				p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
			}
			line[i] = (line[i] + p) & 255;
		}
		for (let x = 0; x < w; x++) {
			px[(y * w + x) * 4] = line[x * bpp];
			px[(y * w + x) * 4 + 1] = line[x * bpp + 1];
			px[(y * w + x) * 4 + 2] = line[x * bpp + 2];
			px[(y * w + x) * 4 + 3] = bpp === 4 ? line[x * bpp + 3] : 255;
		}
		prev = line;
	}
	return { w, h, px };
}

// A face on the figure's head: skin, dark hair over the top and back,
// and, seen from the side, an eye, a brow, an ear and a mouth; seen from
// the front, two of each and a nose. midback's
// figure has a plain round head; the pose model's person detector looks
// for a face first and finds no one in the bare figure seen from the
// side, but finds the catalog's seated and standing side views with a
// face drawn on (200 to 440 px tall). The head is the figure's largest
// outline circle, the nose the outline circle nearest it.
export function withFace(svg, { over = false } = {}) {
	const circles = [...svg.matchAll(/<circle class="o" cx="([-\d.]+)" cy="([-\d.]+)" r="([-\d.]+)"\/>/g)]
		.map((m) => Object.assign([+m[1], +m[2], +m[3]], { cx: m[1], cy: m[2] }));
	if (circles.length < 2)
		return svg;
	const head = circles.reduce((a, b) => (b[2] > a[2] ? b : a));
	const [hx, hy, r] = head;
	const nose = circles.filter((c) => c !== head).reduce((a, b) =>
		(Math.hypot(b[0] - hx, b[1] - hy) < Math.hypot(a[0] - hx, a[1] - hy) ? b : a));
	const skin = '#e8b48a', hair = '#3b2a1e';
	const add = [`<circle cx="${hx}" cy="${hy}" r="${r - 1.2}" fill="${skin}"/>`];
	// Which way the face looks: toward the nose; seen from the front or
	// back (the nose on the head's centre), the hair covers the top.
	const dx = nose[0] - hx, f = Math.abs(dx) > 0.2 * r ? Math.sign(dx) : 0;
	const x = (k) => hx + f * r * k, y = (k) => hy + r * k;
	if (f !== 0) {
		add.push(`<circle cx="${nose[0]}" cy="${nose[1]}" r="${nose[2] - 1}" fill="${skin}"/>`,
			`<path d="M ${x(0.7)} ${y(-0.7)} A ${r} ${r} 0 0 ${f > 0 ? 0 : 1} ${x(-0.9)} ${y(0.45)} L ${x(-0.2)} ${hy} Z" fill="${hair}"/>`,
			`<ellipse cx="${x(0.55)}" cy="${y(-0.15)}" rx="1.4" ry="1.1" fill="#fff"/>`,
			`<circle cx="${x(0.62)}" cy="${y(-0.15)}" r="0.8" fill="#222"/>`,
			`<line x1="${x(0.35)}" y1="${y(-0.38)}" x2="${x(0.8)}" y2="${y(-0.36)}" stroke="${hair}" stroke-width="0.9"/>`,
			`<line x1="${x(0.65)}" y1="${y(0.45)}" x2="${x(0.9)}" y2="${y(0.42)}" stroke="#8a3b3b" stroke-width="0.9"/>`,
			`<ellipse cx="${x(-0.05)}" cy="${y(0.05)}" rx="1.8" ry="2.8" fill="#d99c74" stroke="#8a5a3a" stroke-width="0.5"/>`);
	} else {
		// Seen from the front: hair over the top, and two eyes, brows,
		// ears, a nose and a mouth (a view from behind, which no test
		// uses, would get them too).
		add.push(`<path d="M ${hx - r} ${y(-0.1)} A ${r} ${r} 0 0 1 ${hx + r} ${y(-0.1)} Q ${hx} ${y(-0.6)} ${hx - r} ${y(-0.1)} Z" fill="${hair}"/>`);
		for (const k of [-1, 1])
			add.push(`<ellipse cx="${hx + k * 0.38 * r}" cy="${y(0.05)}" rx="1.5" ry="1.1" fill="#fff"/>`,
				`<circle cx="${hx + k * 0.38 * r}" cy="${y(0.05)}" r="0.8" fill="#222"/>`,
				`<line x1="${hx + k * 0.2 * r}" y1="${y(-0.2)}" x2="${hx + k * 0.6 * r}" y2="${y(-0.22)}" stroke="${hair}" stroke-width="0.9"/>`,
				`<ellipse cx="${hx + k * 0.98 * r}" cy="${y(0.1)}" rx="1.0" ry="2.2" fill="#d99c74" stroke="#8a5a3a" stroke-width="0.5"/>`);
		add.push(`<path d="M ${hx} ${y(0.1)} L ${hx - 0.12 * r} ${y(0.38)} L ${hx + 0.1 * r} ${y(0.38)}" fill="none" stroke="#8a5a3a" stroke-width="0.6"/>`,
			`<line x1="${hx - 0.25 * r}" y1="${y(0.58)}" x2="${hx + 0.25 * r}" y2="${y(0.58)}" stroke="#8a3b3b" stroke-width="0.9"/>`);
	}
	// Over the head's fill, under what is drawn after it (a near arm),
	// or, with over, on top of everything.
	const fill = new RegExp(`<circle class="[bnf]" cx="${head.cx}" cy="${head.cy}" r="[-\\d.]+"/>`).exec(svg);
	if (!fill || over)
		return svg.replace('</svg>', add.join('') + '</svg>');
	const at = fill.index + fill[0].length;
	return svg.slice(0, at) + add.join('') + svg.slice(at);
}

// Keyframe k (1-based) of exercise id as midback draws it (`show --svg
// --pose k`), with a face, as a PNG height px tall in dir; returns its path.
export function stillPng(midback, id, k, dir, height = 440, face = {}) {
	const svg = `${dir}/${id}-${k}.svg`, png = `${dir}/${id}-${k}.png`;
	writeFileSync(svg, withFace(execFileSync(midback, ['show', '--svg', '--pose', String(k), id], { encoding: 'utf8' }), face));
	execFileSync('rsvg-convert', ['-h', String(height), '-b', 'white', '-o', png, svg]);
	return png;
}
