// camera.mjs -- the camera mode in a real Chromium with a fake camera
// (--use-fake-device-for-media-stream, a Y4M video this test makes of a
// person-like figure doing posture resets, with a poked chin and a
// leaning-back trunk on some), against a running `midback serve` whose
// MIDBACK_POSE_DIR holds @mediapipe/pose: the mode is off until asked,
// the model loads from midback's own origin and runs on the frames, and
// nothing is asked of any other origin. Speaks TAP.
//
// Not checked here: reps and flags from these frames. The model finds no
// person in the figures this test draws (grey capsules, nor the
// catalog's own seated side-view figure; of the figures tried, only the
// catalog's standing front-view figure, 480 px tall, was found), so the
// counter and the flags are tested in node over landmarks
// (tests/web/form.test.mjs) and the storing in tests/cli/t1010-camera.sh.
//
//   MIDBACK_URL, MIDBACK_LINK  the server and its one-time link
//   MIDBACK                    the binary, for `midback log`
//   CHROMIUM                   the browser (default /usr/bin/chromium)
//   VIDEO                      where to write the video
//   SHOTS                      a folder for screenshots, or unset
//   BENCH=1                    print the benchmark's figures instead of
//                              only checking (bench/camera)
//
// The model runs about a frame a second here (WebGL in software), so the
// checks wait for what the page reports, never for a time.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { makeVideo } from './camera-video.mjs';

const URL = process.env.MIDBACK_URL;
const ORIGIN = new globalThis.URL(URL).origin;
const SHOTS = process.env.SHOTS;
const BENCH = process.env.BENCH === '1';
const VIDEO = process.env.VIDEO;
const EXERCISE = 'posture-reset';
// Long enough for the model to see each position for several frames.
const routine = `name: Camera test
exercises:
  - id: ${EXERCISE}
    reps: 10
    hold_s: 30
`;

let n = 0, failed = 0, page = null;
async function t(name, fn) {
	n++;
	try {
		await fn();
		console.log(`ok ${n} - ${name}`);
	} catch (e) {
		failed++;
		console.log(`not ok ${n} - ${name}`);
		if (SHOTS && page)
			await page.screenshot({ path: `${SHOTS}/camera-failed-${n}.png`, fullPage: true }).catch(() => {});
		for (const line of String(e && e.stack || e).split('\n').slice(0, 8))
			console.log('#  ' + line);
	}
}
function assert(cond, what) {
	if (!cond)
		throw new Error('assertion failed: ' + what);
}

// In through the one-time link (from node: the cookie goes to the browser).
const res = await fetch(process.env.MIDBACK_LINK, { redirect: 'manual' });
const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
const [cname, cvalue] = cookie.split('=');
const H = { Cookie: cookie };
const poses = await (await fetch(`${URL}api/exercises/${EXERCISE}/poses`, { headers: H })).json();

// The video: a loop of about 70 s at 5 frames a second. The start (a
// slump) for 8 s, up to the end (sitting tall) and held, back: a rep.
// Then the chin poked at the start; then the trunk leaning back from the
// hips at the end, and back down: a second rep.
const video = makeVideo(VIDEO, poses, [
	{ to: 0, s: 8 }, { to: 1, s: 1.5 }, { to: 1, s: 8 }, { to: 0, s: 1.5 }, { to: 0, s: 6 },
	{ to: 0, s: 10, fault: 'chin' }, { to: 0, s: 3 },
	{ to: 1, s: 1.5 }, { to: 1, s: 3 }, { to: 1, s: 14, fault: 'low-back' }, { to: 1, s: 3 },
	{ to: 0, s: 1.5 }, { to: 0, s: 8 },
], { width: 320, height: 240, fps: 5 });

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-dev-shm-usage', '--enable-unsafe-swiftshader',
		'--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
		`--use-file-for-fake-video-capture=${VIDEO}`],
});
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
ctx.setDefaultTimeout(60000);
await ctx.addCookies([{ name: cname, value: cvalue, url: URL, httpOnly: true, sameSite: 'Strict' }]);
await ctx.grantPermissions(['camera'], { origin: ORIGIN });
page = await ctx.newPage();
const requests = [], problems = [];
ctx.on('request', (r) => requests.push(r.url()));
page.on('pageerror', (e) => problems.push('page error: ' + e.message));
page.on('console', (m) => {
	if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text()))
		problems.push(m.text());
});

async function post(path, body) {
	return page.evaluate(async ([p, b]) => {
		const tok = document.querySelector('meta[name="midback-token"]').content;
		const r = await fetch('/api/' + p, { method: 'POST', headers: { 'X-Midback-Token': tok, 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
		return { status: r.status, body: await r.json() };
	}, [path, body]);
}
async function get(path) {
	return page.evaluate(async (p) => (await fetch('/api/' + p)).json(), path);
}
function cameraFrame() {
	return page.frames().find((f) => f.url().endsWith('/camera/frame.html'));
}
// Wait, polling the frame's own figures, for up to limit ms (generous:
// the model runs slowly, more so on a busy machine).
async function until(what, fn, limit = 900000) {
	const t0 = Date.now();
	let last = t0;
	for (;;) {
		const f = cameraFrame();
		const s = f ? await f.evaluate(() => window.midbackCamera).catch(() => null) : null;
		if (s && fn(s))
			return s;
		if (s && Date.now() - last > 30000) {
			last = Date.now();
			const m = s.ms.slice(-5).map(Math.round);
			console.log(`# waiting for ${what}: ${s.seen} frames seen, ${s.reps} reps, said ${JSON.stringify(s.said)}, last p ${JSON.stringify(s.ps.slice(-8))}, ms ${m}`);
		}
		if (Date.now() - t0 > limit)
			throw new Error(`gave up waiting for ${what}: ${JSON.stringify(s && { frames: s.frames, seen: s.seen, reps: s.reps, said: s.said })}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
}

await page.goto(URL + '#/today');
await page.getByRole('heading', { name: 'Today' }).waitFor();

await t('camera-1 the camera mode is off until asked, and the session plays', async () => {
	const screen = await get('screen');
	const r = await post('screen', { answers: screen.questions.map(() => false), accepted: true });
	assert(r.status === 200, 'screen ' + r.status);
	const s = await post('session', { routine });
	assert(s.status === 200, 'session ' + JSON.stringify(s.body));
	/* Paused: the exercise stays while the slow model watches. */
	await post('session/event', { event: 'pause' });
	await page.goto(URL + '#/player');
	await page.locator('#ex-title').filter({ hasText: /posture reset/i }).waitFor();
	const toggle = page.getByRole('button', { name: 'Camera: count my reps' });
	await toggle.waitFor();
	assert(await toggle.getAttribute('aria-pressed') === 'false', 'off at first');
	assert(!cameraFrame(), 'no camera frame before it is asked for');
	assert(!requests.some((u) => u.includes('/vendor/pose/')), 'no model loaded before it is asked for');
	await toggle.click();
});

let stats = null;
await t('camera-2 the model loads from midback itself and runs on the frames', async () => {
	stats = await until('the model to run', (s) => s.seen >= 3);
	const f = cameraFrame();
	if (BENCH)
		await page.evaluate(() => document.querySelector('.camera-frame').contentWindow.postMessage({ type: 'bench' }, location.origin));
	assert(requests.some((u) => u === URL + 'vendor/pose/pose_solution_simd_wasm_bin.wasm' || u === URL + 'vendor/pose/pose_solution_wasm_bin.wasm'), 'the runtime came from midback');
	assert(requests.some((u) => u === URL + 'vendor/pose/pose_landmark_lite.tflite'), 'the model came from midback');
	const status = await f.locator('#status').textContent();
	assert(/Watching/.test(status), status);
	if (SHOTS)
		await page.screenshot({ path: `${SHOTS}/camera-1280.png` });
});

// The CPU seconds of a process and all its children (from /proc).
function treeCpu(root) {
	const tck = 100;	/* USER_HZ */
	const kids = new Map();
	for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
		try {
			const st = readFileSync(`/proc/${d}/stat`, 'utf8');
			const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
			kids.set(+d, { ppid: +f[1], cpu: (+f[11] + +f[12]) / tck });
		} catch (e) { /* gone */ }
	}
	let sum = 0;
	const walk = (pid) => {
		const k = kids.get(pid);
		if (k)
			sum += k.cpu;
		for (const [c, v] of kids)
			if (v.ppid === pid)
				walk(c);
	};
	walk(root);
	return sum;
}

if (BENCH) {
	/* The page's CPU while the camera runs, over 30 s: the renderer's
	   main thread (the page and its camera frame share it; CDP's
	   TaskDuration), and every Chromium process (the model's WebGL runs
	   in the GPU process, in software here). */
	const cdp = await ctx.newCDPSession(page);
	await cdp.send('Performance.enable');
	const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
	/* The browser's own process: the one started with our video. */
	const pid = +readdirSync('/proc').filter((d) => /^\d+$/.test(d)).find((d) => {
		try {
			const c = readFileSync(`/proc/${d}/cmdline`, 'utf8');
			return c.includes(VIDEO) && c.includes('--remote-debugging-pipe');
		} catch (e) { return false; }
	});
	const w0 = Date.now(), t0 = await task(), c0 = treeCpu(pid);
	await new Promise((r) => setTimeout(r, 30000));
	const wall = (Date.now() - w0) / 1000, t1 = await task(), c1 = treeCpu(pid);
	console.log(`# page_busy_pct: ${(100 * (t1 - t0) / wall).toFixed(0)} (the renderer's main thread busy, its waits on the GPU process included; 100 = one core)`);
	console.log(`# chromium_cpu_pct: ${(100 * (c1 - c0) / wall).toFixed(0)} (every Chromium process; 2 cores here = 200)`);
	/* The model's time per frame, past its first frames. */
	const f = cameraFrame();
	const st = await f.evaluate(() => window.midbackCamera);
	const ms = st.ms.slice(3);
	const mean = ms.reduce((x, y) => x + y, 0) / ms.length;
	console.log(`# frames run: ${st.frames}; model time per frame: mean ${mean.toFixed(0)} ms, so ${(1000 / mean).toFixed(2)} frames per second`);
	console.log(`# figures found in the frames: ${st.ps.filter((x) => x !== 'none').length} of the last ${st.ps.length}`);
}

await t('camera-3 nothing was asked of any other origin; the CSP held', async () => {
	const other = requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
	assert(other.length === 0, 'other origins: ' + other.join(' '));
	assert(problems.length === 0, problems.join('\n'));
});

await browser.close();
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
