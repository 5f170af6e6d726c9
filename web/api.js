/*
 * api.js -- the one fetch wrapper: GET /api/PATH, or POST it a body with
 * the page's token (what access needs). An answer that is not ok throws
 * the server's error; a gate's refusal carries the gate's JSON.
 */
const TOKEN = document.querySelector('meta[name="midback-token"]').content;

export async function api(path, body) {
	const opts = body === undefined ? {} : {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'X-Midback-Token': TOKEN },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	};
	const res = await fetch('/api/' + path, opts);
	let data = null;
	try { data = await res.json(); } catch (e) { data = null; }
	if (!res.ok) {
		const err = new Error(data && data.error ? data.error : 'the server said ' + res.status);
		/* The coach's gate says what stops a session, and what may be done. */
		err.gate = data && data.gate ? data : null;
		throw err;
	}
	return data;
}
