// phone.mjs -- a paired phone, as a phone-sized Chromium (viewport,
// touch, isMobile, a Pixel's User-Agent) over HTTPS to serve --lan, with
// the server's own certificate trusted by its public key
// (--ignore-certificate-errors-spki-list, the key serve made), beside the
// computer's page on loopback. Speaks TAP.
//
//   MIDBACK_URL   the loopback URL;  MIDBACK_LINK  its one-time link
//   LAN_URL       https://ADDRESS:PORT/;  PAIR_LINK  the printed pairing link
//   SPKI          the certificate's SHA-256 public key hash, base64
//   FINGERPRINT   the fingerprint serve printed
//   MIDBACK       the binary;  CHROMIUM  the browser;  SHOTS  a folder, or unset
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tap, assert } from './tap.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const { MIDBACK_URL: URL, LAN_URL: LAN, PAIR_LINK, SPKI, FINGERPRINT, SHOTS } = process.env;
const PIXEL_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const routine = `name: Phone test
exercises:
  - id: chest-opener
    hold_s: 1
  - id: cross-arm-stretch
    hold_s: 1
`;

let shotPage = null;
const { t, done } = tap('phone-', () => shotPage);
const midback = (...args) => execFileSync(process.env.MIDBACK, args, { encoding: 'utf8' });

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	/* Trust this certificate alone, by its key: not every error. */
	args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
		'--ignore-certificate-errors-spki-list=' + SPKI],
});
const phoneOpts = { viewport: { width: 412, height: 915 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: PIXEL_UA };
const pc = await browser.newContext({ viewport: { width: 1280, height: 800 } });
pc.setDefaultTimeout(60000);
const desk = await pc.newPage();
const phoneCtx = await browser.newContext(phoneOpts);
phoneCtx.setDefaultTimeout(60000);
const phone = await phoneCtx.newPage();
shotPage = phone;
const violations = [];
for (const p of [desk, phone]) {
	p.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
	p.on('pageerror', (e) => violations.push('page error: ' + e.message));
	p.on('dialog', (d) => d.accept());
}
await desk.goto(process.env.MIDBACK_LINK);
await desk.waitForURL(URL);

console.log('1..11');

await t('phone-1 an unpaired phone is refused with a page that says how to pair', async () => {
	const res = await phone.goto(LAN);
	assert(res.status() === 401, 'unpaired: ' + res.status());
	await phone.getByRole('heading', { name: 'This phone is not paired' }).waitFor();
	await phone.getByText('midback serve --lan').waitFor();
	/* The certificate was trusted by its key: the page is over HTTPS. */
	assert((await res.securityDetails()) !== null, 'over TLS');
});

await t('phone-2 plain HTTP on the network address is refused, saying to use HTTPS', async () => {
	const res = await phone.goto(LAN.replace('https://', 'http://'));
	assert(res.status() === 400, 'plain http: ' + res.status());
	await phone.getByRole('heading', { name: 'Use HTTPS' }).waitFor();
	await phone.getByText(LAN).waitFor();
});

await t('phone-3 the printed link pairs it: a Secure, HttpOnly, Strict cookie, the phone view, its name', async () => {
	await phone.goto(PAIR_LINK);
	await phone.waitForURL(LAN);
	await phone.getByRole('heading', { name: 'Today' }).waitFor();
	const c = (await phoneCtx.cookies()).find((x) => x.name === '__Host-midback-device');
	assert(c && c.secure && c.httpOnly && c.sameSite === 'Strict', 'cookie: ' + JSON.stringify(c));
	assert(await phone.evaluate(() => document.body.classList.contains('phone')), 'body.phone');
	assert(!(await phone.getByRole('link', { name: 'Your data' }).isVisible()), 'no export/import in the menu');
	assert(!(await phone.getByRole('link', { name: 'Reminders' }).isVisible()), 'no settings in the menu');
	await phone.locator('.foot .device', { hasText: /^This phone: Pixel 8, paired \d+ [A-Z][a-z]{2} \d\d:\d\d$/ }).waitFor();
	assert(/^Pixel 8, paired/.test(midback('serve', '--devices')), 'serve --devices lists it');
});

await t('phone-4 the link a second time is refused, and pairs nothing', async () => {
	const other = await browser.newContext(phoneOpts);
	const p = await other.newPage();
	const res = await p.goto(PAIR_LINK);
	assert(res.status() === 403, 'used: ' + res.status());
	await p.getByRole('heading', { name: 'This link has been used' }).waitFor();
	assert(!(await other.cookies()).length, 'no cookie');
	await other.close();
	assert(midback('serve', '--devices').trim().split('\n').length === 1, 'one device');
});

await t('phone-5 the computer\'s page: the fingerprint serve printed, the phone, a new code', async () => {
	await desk.goto(URL + '#/pair');
	await desk.getByRole('heading', { name: 'Pair a phone' }).waitFor();
	assert((await desk.locator('.fingerprint').textContent()) === FINGERPRINT, 'the fingerprint');
	await desk.locator('.devices li', { hasText: 'Pixel 8, paired' }).waitFor();
	await desk.getByRole('button', { name: 'Show a pairing code' }).click();
	await desk.getByRole('img', { name: 'QR code of the pairing link' }).waitFor();
	await desk.getByText(/Good for 1[12]\d more seconds/).waitFor();
	assert((await desk.locator('code.link').textContent()).startsWith(LAN + 'pair?k='), 'the link');
	if (SHOTS)
		await desk.screenshot({ path: `${SHOTS}/pair-1280.png`, fullPage: true });
});

await t('phone-6 what stays on the computer is refused on the phone, with the reason', async () => {
	const r = await phone.evaluate(async () => {
		const out = {};
		for (const p of ['export', 'settings']) {
			const res = await fetch('/api/' + p);
			out[p] = [res.status, (await res.json()).error];
		}
		return out;
	});
	assert(r.export[0] === 403 && /export stays on the computer/.test(r.export[1]), 'export: ' + r.export);
	assert(r.settings[0] === 403 && /settings stay on the computer/.test(r.settings[1]), 'settings: ' + r.settings);
	await phone.goto(LAN + '#/settings');
	await phone.locator('.error', { hasText: 'settings stay on the computer' }).waitFor();
});

await t('phone-7 a whole session played from the phone by touch, the computer\'s page following', async () => {
	/* The warning signs answered no, once, from the phone. */
	await phone.evaluate(async () => {
		const tok = document.querySelector('meta[name="midback-token"]').content;
		const q = await (await fetch('/api/screen')).json();
		const post = (path, body) => fetch('/api/' + path, { method: 'POST', headers: { 'X-Midback-Token': tok, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		let r = await post('screen', { answers: q.questions.map(() => false), accepted: true });
		if (!r.ok)
			throw new Error(await r.text());
	});
	await phone.goto(LAN + '#/today');
	await phone.evaluate(async (b) => {
		const tok = document.querySelector('meta[name="midback-token"]').content;
		const r = await fetch('/api/session', { method: 'POST', headers: { 'X-Midback-Token': tok, 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
		if (!r.ok)
			throw new Error(await r.text());
	}, { routine, pain: 2 });
	await phone.goto(LAN + '#/player');
	await desk.goto(URL + '#/player');
	await phone.locator('#ex-title', { hasText: 'Chest opener' }).waitFor();
	await desk.locator('#ex-title', { hasText: 'Chest opener' }).waitFor();
	/* The controls are a thumb's size, and stay at the bottom. */
	const box = await phone.getByRole('button', { name: 'Pause' }).boundingBox();
	assert(box.height >= 56 && box.y > 915 / 2, 'a thumb-size control low on the screen: ' + JSON.stringify(box));
	const fig = await phone.locator('.player .figure-slot').boundingBox();
	assert(fig && fig.width >= 200, 'the figure large: ' + JSON.stringify(fig));
	await phone.getByRole('group', { name: 'How did it feel?' }).waitFor();
	if (SHOTS)
		await phone.screenshot({ path: `${SHOTS}/phone-feel-412.png` });
	await phone.getByRole('button', { name: '1 Fine' }).tap();
	await phone.locator('#ex-title', { hasText: 'Cross-arm stretch' }).waitFor();
	await desk.locator('#ex-title', { hasText: 'Cross-arm stretch' }).waitFor();
	await phone.getByRole('group', { name: 'How did it feel?' }).waitFor();
	await phone.getByRole('button', { name: '2 A stretch' }).tap();
	await phone.locator('p.strong', { hasText: "Well done: that is today's session." }).waitFor();
	await desk.locator('p.strong', { hasText: "Well done: that is today's session." }).waitFor();
	await phone.getByLabel('How much does your back hurt now, 0 to 10?').selectOption('1');
	await phone.getByRole('button', { name: 'Save' }).tap();
	/* The summary stays, now with the pain after, on both. */
	await phone.getByText(/2 before, 1 after/).waitFor();
	await desk.getByText(/2 before, 1 after/).waitFor();
	if (SHOTS)
		await phone.screenshot({ path: `${SHOTS}/phone-summary-412.png`, fullPage: true });
	const log = midback('log');
	assert(/finished; pain 2 before, 1 after/.test(log), 'midback log: ' + log);
});

await t('phone-8 on the computer the rotation test is typed in: no sensor box', async () => {
	await desk.goto(URL + '#/selftest/0');
	await desk.locator('#test-name', { hasText: 'Seated rotation' }).waitFor();
	await desk.getByLabel(/^Left: your best turn/).waitFor();
	assert(!(await desk.getByRole('button', { name: 'Measure with this phone' }).count()), 'no sensor box on the computer');
	await desk.goto(URL + '#/today');
});

/* Set the phone's orientation, and wait for the page to read it. */
async function turnTo(cdp, alpha, shown) {
	await cdp.send('DeviceOrientation.setDeviceOrientationOverride', { alpha, beta: 90, gamma: 0 });
	await phone.locator('.sensor .angle').filter({ hasText: new RegExp('^' + shown + '$') }).waitFor();
}

await t('phone-9 the rotation test measured by the phone\'s sensors: best of three each side, the difference, kept as measured by the phone', async () => {
	const cdp = await phoneCtx.newCDPSession(phone);
	await cdp.send('DeviceOrientation.setDeviceOrientationOverride', { alpha: 100, beta: 90, gamma: 0 });
	await phone.goto(LAN + '#/selftest/0');
	await phone.locator('#test-name', { hasText: 'Seated rotation' }).waitFor();
	await phone.getByRole('button', { name: 'Measure with this phone' }).tap();
	await phone.getByText('Measuring. Turn left first, or right.').waitFor();
	await turnTo(cdp, 100, '0°');
	/* Left is anticlockwise seen from above: alpha grows. Through 360 too. */
	for (const peak of [40, 44, 42]) {
		await turnTo(cdp, 100 + 20, '20° left');
		await turnTo(cdp, 100 + peak, `${peak}° left`);
		await turnTo(cdp, 100 + 2, '2° left');
	}
	for (const peak of [35, 38, 36]) {
		await turnTo(cdp, 100 - 20, '20° right');
		await turnTo(cdp, (100 - peak + 360) % 360, `${peak}° right`);
		await turnTo(cdp, 99, '1° right');
	}
	await phone.locator('.sensor .tries', { hasText: 'Left: 40°, 44°, 42° (best 44°) · Right: 35°, 38°, 36° (best 38°)' }).waitFor();
	await phone.locator('.sensor .diff', { hasText: 'Best turns: left 44°, right 38°; the difference is 6°.' }).waitFor();
	assert(await phone.getByLabel(/^Left: your best turn/).inputValue() === '44', 'left filled');
	assert(await phone.getByLabel(/^Right: your best turn/).inputValue() === '38', 'right filled');
	if (SHOTS)
		await phone.screenshot({ path: `${SHOTS}/phone-rotation-412.png`, fullPage: true });
	await phone.getByRole('button', { name: 'Save and go on' }).tap();
	await phone.locator('#test-name', { hasText: 'Seated wall angel' }).waitFor();
	const ex = JSON.parse(midback('export'));
	const r = ex.selftests.filter((x) => x.test === 'rotation');
	assert(r.length === 1 && r[0].value === 44 && r[0].extra === 38 && r[0].measured_by === 'phone', 'kept: ' + JSON.stringify(r));
	await cdp.send('DeviceOrientation.clearDeviceOrientationOverride');
});

await t('phone-10 axe-core finds no serious or critical problem in the phone view, nor on the Phone tab', async () => {
	/* A second phone, paired by a new code; axe put in through the debugging protocol. */
	const link = await desk.evaluate(async () => {
		const tok = document.querySelector('meta[name="midback-token"]').content;
		const r = await fetch('/api/pair', { method: 'POST', headers: { 'X-Midback-Token': tok } });
		return (await r.json()).link;
	});
	const actx = await browser.newContext({ ...phoneOpts, bypassCSP: true });
	actx.setDefaultTimeout(60000);
	const p = await actx.newPage();
	await p.goto(link);
	await p.waitForURL(LAN);
	const bad = [];
	const scan = async (where, pg) => {
		await pg.evaluate(axeSource);
		const res = await pg.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
		for (const v of res.violations)
			if (v.impact === 'serious' || v.impact === 'critical')
				bad.push(`${where}: ${v.id} (${v.impact}) ${v.nodes.map((x) => x.target.join(' ')).slice(0, 3).join(', ')}`);
	};
	for (const name of ['today', 'program', 'selftest/0']) {
		await p.goto(LAN + '#/' + name);
		await p.locator('main h1').waitFor();
		await p.locator('main p, main form, main ul').first().waitFor();
		await scan('phone ' + name, p);
	}
	await p.evaluate(async () => {
		const tok = document.querySelector('meta[name="midback-token"]').content;
		const r = await fetch('/api/session', { method: 'POST', headers: { 'X-Midback-Token': tok, 'Content-Type': 'application/json' }, body: JSON.stringify({ minutes: 5, pain: 1 }) });
		if (!r.ok)
			throw new Error(await r.text());
	});
	await p.goto(LAN + '#/player');
	await p.locator('#ex-title').filter({ hasText: /\S/ }).waitFor();
	await scan('phone player', p);
	await p.evaluate(async () => {
		const tok = document.querySelector('meta[name="midback-token"]').content;
		await fetch('/api/session/event', { method: 'POST', headers: { 'X-Midback-Token': tok }, body: '{"event":"quit"}' });
		await fetch('/api/session/close', { method: 'POST', headers: { 'X-Midback-Token': tok }, body: '{}' });
	});
	await actx.close();
	const dctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
	const d = await dctx.newPage();
	await d.goto(midback('serve', '--link').trim());
	await d.goto(URL + '#/pair');
	await d.getByRole('button', { name: 'Show a pairing code' }).click();
	await d.getByRole('img', { name: 'QR code of the pairing link' }).waitFor();
	await scan('pair', d);
	await dctx.close();
	assert(bad.length === 0, bad.join('; '));
});

await t('phone-11 a forgotten phone is refused at once; no CSP violation or page error', async () => {
	/* Two phones start "Pixel 8": the whole name of the first. */
	const first = midback('serve', '--devices').split('\n')[0];
	midback('serve', '--forget', first);
	const res = await phone.goto(LAN);
	assert(res.status() === 401, 'forgotten: ' + res.status());
	await phone.getByRole('heading', { name: 'This phone is not paired' }).waitFor();
	assert(violations.length === 0, 'violations: ' + violations.join('; '));
});

await browser.close();
done(false);
