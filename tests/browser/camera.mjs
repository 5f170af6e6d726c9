// camera.mjs -- the camera mode in a real Chromium with a fake camera
// (--use-fake-device-for-media-stream, Y4M videos this test makes from
// the catalog's own figures, with a face drawn on the head), against a
// running `midback serve` whose MIDBACK_POSE_DIR holds @mediapipe/pose.
// First the wall angel seen from the front: the mode is off until asked,
// the model loads from midback's own origin, finds the figure and counts
// its reps, the figure's keyframe shows beside the preview, the counts
// are posted to the session and stored (`midback log`). Then, in a
// second Chromium, the seated overhead reach seen from the side with two
// fault poses (tests/data/overhead-reach-faults.yaml): the chin and
// low-back notes are said, stored, and shown by `midback log` and the
// summary. Nothing is asked of any other origin. Speaks TAP.
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
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeStillsVideo, stillPng } from './camera-video.mjs';
import { tap, assert } from './tap.mjs';
import { login, launch as launchCamera } from './fake-camera.mjs';

const URL = process.env.MIDBACK_URL;
const ORIGIN = new globalThis.URL(URL).origin;
const SHOTS = process.env.SHOTS;
const BENCH = process.env.BENCH === '1';
const VIDEO = process.env.VIDEO;
const EXERCISE = 'wall-angel-standing';
// Long enough for the model to see several reps.
const routine = `name: Camera test
exercises:
  - id: ${EXERCISE}
    reps: 10
`;
let page = null;
const { t, done } = tap('camera-', () => page);

// In through the one-time link (from node: the cookie goes to the browser).
const cookie = await login(process.env.MIDBACK_LINK);

// The video: the catalog's own figure of the exercise (seen from the
// front, as its camera is), its two keyframes as `midback show --svg
// --pose N` draws them, 440 px tall in a 640 x 480 frame: elbows at
// shoulder height for 8 s, arms overhead for 8 s, and again (a loop of
// 16 s, a rep each loop). The model runs about a frame in 1.5 s here, so
// it sees each position several times. Between the keyframes the video
// jumps: midback draws only keyframes as stills.
const dir = dirname(VIDEO);
const stills = [1, 2].map((k) => stillPng(process.env.MIDBACK, EXERCISE, k, dir));
const FPS = 5;
const video = makeStillsVideo(VIDEO, stills, [{ still: 0, s: 8 }, { still: 1, s: 8 }], { fps: FPS });
// The frames where the video completes a rep: back at the start.
const repFrames = video.timeline.filter((x, i) => i > 0 && x.still === 0 &&
	video.timeline[i - 1].still === 1).map((x) => x.frame);
const LOOP = video.frames;
if (repFrames.length === 0)	// the loop wraps from the end to the start
	repFrames.push(0);

const requests = [], problems = [];
// A Chromium whose fake camera plays file (fake-camera.mjs), noting into
// requests and problems.
const launch = (file) => launchCamera({ url: URL, cookie, file,
	viewport: { width: 1280, height: 800 }, requests, problems });
const first = await launch(VIDEO);
const { browser, ctx } = first;
page = first.page;

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
	await page.locator('#ex-title').filter({ hasText: /wall angel/i }).waitFor();
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
	/* Running: watching, or saying no one is in view yet. */
	assert(/^Watching|^No one in view/.test(status), status);
	if (SHOTS)
		await page.screenshot({ path: `${SHOTS}/camera-1280.png` });
});

let counted = null;
await t('camera-3 the model finds the figure and counts its reps', async () => {
	/* Two reps: the first may start with the arms already up. */
	counted = await until('two reps', (s) => s.reps >= 2, 150000);
	const found = counted.ps.filter((x) => x !== 'none').length;
	assert(found > 0, 'no figure found: ' + JSON.stringify(counted.ps));
	const shown = await page.locator('.camera-count').textContent();
	assert(/Counted [2-9]/.test(shown), 'the panel says ' + shown);
	/* Beside the preview, the figure at the keyframe the person is at. */
	const still = await page.locator('.camera-keyframe img').getAttribute('src');
	assert(/\/api\/exercises\/wall-angel-standing\/still-[12]\.svg$/.test(still), 'the figure beside the preview: ' + still);
	assert(await page.locator('.camera-keyframe img').evaluate((i) => i.complete && i.naturalWidth > 0), 'its picture loaded');
	if (SHOTS)
		await page.screenshot({ path: `${SHOTS}/camera-reps.png` });
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
	/* For each rep counted: from the frame where the video completes
	   it (back at the start) to its count. The frame read as the model
	   started on a picture was on show since at most 1/FPS before. */
	const delays = [];
	for (const m of st.marks.filter((x) => x.rep && x.frame >= 0)) {
		const back = repFrames.map((k) => (m.frame - k + LOOP) % LOOP).reduce((x, y) => Math.min(x, y));
		delays.push((m.at - m.sentAt) / 1000 + back / FPS);
	}
	console.log(`# rep count delay: ${delays.length ? delays.map((d) => d.toFixed(1)).join(' ') + ' s' : 'no reps counted'} (from the video frame completing the rep to its count; within 1/${FPS} s)`);
	console.log(`# figures found in the frames: ${st.ps.filter((x) => x !== 'none').length} of the last ${st.ps.length}`);
}

await t('camera-4 the counted reps are posted and stored (midback log)', async () => {
	/* The camera off first, so that no rep is counted between reading
	   the session and ending it; then the session read until a second
	   passes with its count the same (a count posted just before the
	   camera went off has landed). */
	await page.getByRole('button', { name: 'Turn the camera off' }).click();
	let st = await get('session'), seen = '';
	while (JSON.stringify(st.session && st.session.camera) !== seen) {
		seen = JSON.stringify(st.session && st.session.camera);
		await new Promise((r) => setTimeout(r, 1000));
		st = await get('session');
	}
	const cam = st.session && st.session.camera && st.session.camera[EXERCISE];
	assert(cam && cam.reps >= 2, 'the session has ' + JSON.stringify(st.session && st.session.camera));
	const q = await post('session/event', { event: 'quit' });
	assert(q.status === 200, 'quit ' + q.status);
	const log = execFileSync(process.env.MIDBACK, ['log'], { encoding: 'utf8' });
	const m = log.match(/camera: Wall angel, standing: (\d+) reps counted;/);
	assert(m && +m[1] >= 2 && +m[1] === cam.reps, 'midback log says:\n' + log);
});

await t('camera-5 nothing was asked of any other origin; the CSP held', async () => {
	const other = requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
	assert(other.length === 0, 'other origins: ' + other.join(' '));
	assert(problems.length === 0, problems.join('\n'));
});

await browser.close();

// Part two, the form flags: a second Chromium whose fake camera plays the
// seated overhead reach's figure (tests/data/overhead-reach-faults.yaml,
// in this test's exercises.d) with a face drawn over it: at the start
// 8 s, arms up 6 s, at the start 6 s, arms up with the chin poked 14 s,
// at the start 6 s, arms up with the low back arched 14 s, and again. The
// session plays the catalog's own overhead reach, whose cues ask for a
// level chin and no arch of the low back; the camera mode is off again
// in the new page until asked.
const FAULTS = 'overhead-reach-faults', REACH = 'overhead-reach';
const VIDEO2 = `${dir}/faults.y4m`;
const fstills = [1, 2, 3, 4].map((k) => stillPng(process.env.MIDBACK, FAULTS, k, dir, 440, { over: true }));
const video2 = makeStillsVideo(VIDEO2, fstills, [{ still: 0, s: 8 }, { still: 1, s: 6 }, { still: 0, s: 6 },
	{ still: 2, s: 14, fault: 'chin' }, { still: 0, s: 6 }, { still: 3, s: 14, fault: 'low-back' },
	{ still: 0, s: 6 }], { fps: FPS });
const second = await launch(VIDEO2);
page = second.page;
/* The voice on, and each thing the page says to the browser's speech
   noted (headless Chromium has no voice to hear it by). */
await page.addInitScript(() => {
	localStorage.setItem('midback.voice', '1');
	window.midbackSpoken = [];
	const speak = speechSynthesis.speak.bind(speechSynthesis);
	speechSynthesis.speak = (u) => {
		window.midbackSpoken.push(u.text);
		speak(u);
	};
});
await page.goto(URL + '#/today');
await page.getByRole('heading', { name: 'Today' }).waitFor();

await t('camera-6 a poked chin and an arched low back are each said, on screen and by voice', async () => {
	const s = await post('session', { routine: `name: Camera flags\nexercises:\n  - id: ${REACH}\n    reps: 10\n` });
	assert(s.status === 200, 'session ' + JSON.stringify(s.body));
	await post('session/event', { event: 'pause' });
	await page.goto(URL + '#/player');
	await page.locator('#ex-title').filter({ hasText: /overhead reach/i }).waitFor();
	const toggle = page.getByRole('button', { name: 'Camera: count my reps' });
	assert(await toggle.getAttribute('aria-pressed') === 'false', 'off again in a new page');
	await toggle.click();
	if (BENCH) {
		await until('the model to run', (x) => x.seen >= 1);
		await page.evaluate(() => document.querySelector('.camera-frame').contentWindow.postMessage({ type: 'bench' }, location.origin));
	}
	const st = await until('the chin and low-back flags', (x) => x.said.includes('chin') && x.said.includes('low-back'), 600000);
	assert(!st.said.includes('shrug'), 'no shrug said: ' + JSON.stringify(st.said));
	const shown = await page.locator('.camera-flag').textContent();
	assert(/chin come back|no need to arch/.test(shown), 'the panel shows ' + shown);
	const spoken = await page.evaluate(() => window.midbackSpoken);
	assert(spoken.some((x) => /^Let your chin come back/.test(x)) && spoken.some((x) => /no need to arch your low back/.test(x)),
		'spoken: ' + JSON.stringify(spoken));
	if (BENCH) {
		/* For each note's first saying: from the first video frame of
		   the fault it was said in to the saying (the frame read as
		   the model started on a picture; within 1/FPS s). */
		const delays = [];
		for (const flag of ['chin', 'low-back']) {
			const m = st.marks.find((x) => x.said.includes(flag) && x.frame >= 0);
			if (!m) {
				delays.push(`${flag} not measured`);
				continue;
			}
			let first = m.frame;
			while (first > 0 && video2.timeline[first - 1].fault === flag)
				first--;
			delays.push(`${flag} ${((m.frame - first) / FPS + (m.at - m.sentAt) / 1000).toFixed(1)} s`);
		}
		console.log(`# flag delay: ${delays.join(', ')} (from the first video frame showing the fault to the note; a note waits for 0.8 s of the fault over two frames)`);
	}
	if (SHOTS)
		await page.screenshot({ path: `${SHOTS}/camera-flag.png` });
});

await t('camera-7 the flags are stored with the session; log and the summary show them', async () => {
	const st = await get('session');
	const cam = st.session && st.session.camera && st.session.camera[REACH];
	assert(cam && cam.flags && cam.flags.chin >= 1 && cam.flags['low-back'] >= 1, 'the session has ' + JSON.stringify(st.session && st.session.camera));
	/* The rest of the routine done, then its feel and pain: the summary. */
	const q = await post('session/event', { event: 'quit' });
	assert(q.status === 200, 'quit ' + q.status);
	const box = page.locator('.camera-summary');
	await box.waitFor();
	const text = await box.textContent();
	assert(/Seated overhead reach: .*chin forward noted/.test(text) && /low back arching noted/.test(text), 'the summary says ' + text);
	if (SHOTS)
		await page.screenshot({ path: `${SHOTS}/camera-summary.png`, fullPage: true });
	const log = execFileSync(process.env.MIDBACK, ['log'], { encoding: 'utf8' });
	assert(/camera: Seated overhead reach:.* noted: .*chin forward (once|twice|\d+ times)/.test(log) && /camera: Seated overhead reach:.* noted: .*low back arching (once|twice|\d+ times)/.test(log), 'midback log says:\n' + log);
});

await t('camera-8 still nothing asked of any other origin', async () => {
	const other = requests.filter((u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
	assert(other.length === 0, 'other origins: ' + other.join(' '));
	assert(problems.length === 0, problems.join('\n'));
});

await second.browser.close();
done();
