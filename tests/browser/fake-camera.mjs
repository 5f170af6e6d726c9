// fake-camera.mjs -- what the camera suites (camera.mjs, camera-rotation.mjs)
// share: in through `midback serve`'s one-time link, and a Chromium whose
// fake camera plays a video file, let in by the link's cookie, with the
// camera allowed, noting every request it makes and every error or
// refusal its page meets.
import { chromium } from 'playwright-core';

// The one-time link, followed from node: its cookie, to give the browser,
// and the header that lets node's own fetch in.
export async function login(link) {
	const res = await fetch(link, { redirect: 'manual' });
	const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
	const [name, value] = cookie.split('=');
	return { name, value, H: { Cookie: cookie } };
}

// A browser for url whose camera plays file: { browser, ctx, page }.
// requests gets every URL asked for; problems every page error and every
// CSP refusal the console reports.
export async function launch({ url, cookie, file, viewport, requests, problems }) {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-dev-shm-usage', '--enable-unsafe-swiftshader',
			'--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
			`--use-file-for-fake-video-capture=${file}`],
	});
	const ctx = await browser.newContext({ viewport });
	ctx.setDefaultTimeout(60000);
	await ctx.addCookies([{ name: cookie.name, value: cookie.value, url, httpOnly: true, sameSite: 'Strict' }]);
	await ctx.grantPermissions(['camera'], { origin: new globalThis.URL(url).origin });
	const page = await ctx.newPage();
	ctx.on('request', (r) => requests.push(r.url()));
	page.on('pageerror', (e) => problems.push('page error: ' + e.message));
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text()))
			problems.push(m.text());
	});
	return { browser, ctx, page };
}
