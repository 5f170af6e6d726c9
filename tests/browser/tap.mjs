// tap.mjs -- what the browser suites share to speak TAP: t(name, fn)
// runs one test and says ok or not ok, with the error's first lines and,
// when SHOTS names a folder, a screenshot of the page pageNow() gives
// (PREFIX-failed-N.png); assert throws what failed; done() says the plan
// (unless the suite said it first) and exits 1 if any test failed.
export function tap(prefix, pageNow) {
	let n = 0, failed = 0;
	const SHOTS = process.env.SHOTS;
	async function t(name, fn) {
		n++;
		try {
			await fn();
			console.log(`ok ${n} - ${name}`);
		} catch (e) {
			failed++;
			console.log(`not ok ${n} - ${name}`);
			const page = pageNow();
			if (SHOTS && page)
				await page.screenshot({ path: `${SHOTS}/${prefix}failed-${n}.png`, fullPage: true }).catch(() => {});
			for (const line of String(e && e.stack || e).split('\n').slice(0, 8))
				console.log('#  ' + line);
		}
	}
	function done(plan = true) {
		if (plan)
			console.log(`1..${n}`);
		process.exit(failed ? 1 : 0);
	}
	return { t, done };
}

export function assert(cond, what) {
	if (!cond)
		throw new Error('assertion failed: ' + what);
}
