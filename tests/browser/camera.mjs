// camera.mjs -- the camera mode in a real Chromium with a fake camera
// (--use-fake-device-for-media-stream, a Y4M video this test makes of a
// person-like figure doing posture resets, with a poked chin and a
// leaning-back trunk on some), against a running `midback serve` whose
// MIDBACK_POSE_DIR holds @mediapipe/pose. Speaks TAP.
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
	for (;;) {
		const f = cameraFrame();
		const s = f ? await f.evaluate(() => window.midbackCamera).catch(() => null) : null;
		if (s && fn(s))
			return s;
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

await t('camera-3 reps counted from the frames are posted to the session', async () => {
	stats = await until('a rep', (s) => s.reps >= 1);
	await page.locator('.camera-count').filter({ hasText: /Counted [1-9]/ }).waitFor();
	const st = await get('session');
	const c = st.session && st.session.camera && st.session.camera[EXERCISE];
	assert(c && c.reps >= 1, 'stored: ' + JSON.stringify(st.session && st.session.camera));
});

await t('camera-4 a poked chin and a leaning-back trunk are flagged, once each, calmly', async () => {
	stats = await until('the chin and low-back flags', (s) => s.said.includes('chin') && s.said.includes('low-back'));
	const st = await get('session');
	const c = st.session.camera[EXERCISE];
	assert(c.flags.chin >= 1 && c.flags['low-back'] >= 1, JSON.stringify(c));
	const text = await page.locator('.camera-flag').textContent();
	assert(/^(Let your chin|Keep your ribs down)/.test(text), text);
	if (SHOTS)
		await page.screenshot({ path: `${SHOTS}/camera-flag-1280.png` });
});

if (BENCH) {
	/* The benchmark's figures: after a while of running. */
	stats = await until('two reps', (s) => s.reps >= 2);
	const f = cameraFrame();
	const s = await f.evaluate(() => window.midbackCamera);
	const ms = s.ms.slice(3);
	const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
	console.log(`# frames run: ${s.frames}; model time per frame: mean ${mean.toFixed(0)} ms, so ${(1000 / mean).toFixed(2)} frames per second`);
	/* The delay from a rep to its count: from the first video frame
	   back under the counter's start threshold after the end (its time
	   known from the frame number each processed frame carried) to the
	   count. */
	const fps = video.fps, tl = video.timeline;
	for (const m of s.marks.filter((x) => x.rep)) {
		let k = m.frame;
		if (k < 0)
			continue;
		/* Back in the video to where the figure got back near the start. */
		let r = k;
		while (r > 0 && tl[r - 1] && tl[r - 1].q <= 0.3)
			r--;
		const sendAt = s.marks.find((x) => x.frame === k).at;
		const shownAt = sendAt - (k - r) * 1000 / fps;
		console.log(`# rep counted ${((m.at - shownAt) / 1000).toFixed(1)} s after the figure was back at the start (video frame ${r}, counted on frame ${k})`);
	}
}

await t('camera-5 stored with the session: the summary and midback log show them', async () => {
	await post('session/event', { event: 'quit' });
	await page.locator('.camera-summary').waitFor();
	const text = await page.locator('.camera-summary').textContent();
	assert(/reps counted/.test(text) && /chin forward noted/.test(text), text);
	if (SHOTS)
		await page.screenshot({ path: `${SHOTS}/camera-summary-1280.png` });
	const log = execFileSync(process.env.MIDBACK, ['log'], { encoding: 'utf8' });
	assert(/camera: [^:\n]+: \d+ reps counted;/.test(log) && /said: .*chin \d/.test(log) && /low-back \d/.test(log), log);
});

await t('camera-6 nothing was asked of any other origin; the CSP held', async () => {
	const other = requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
	assert(other.length === 0, 'other origins: ' + other.join(' '));
	assert(problems.length === 0, problems.join('\n'));
});

await browser.close();
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
