/*
 * live.js -- the session as the server says it is, shared by every page:
 * its state comes over Server-Sent Events (and from the API's answers),
 * and this is the only place it changes. The countdown is drawn from the
 * absolute deadline the server sends, so it never drifts, and every tab
 * shows the same session.
 */
import { api } from './api.js';
import { say } from './dom.js';

export const live = { state: null, offset: 0, recvAt: 0, source: null, listeners: new Set() };

export function connect() {
	if (live.source)
		return;
	live.source = new EventSource('/api/events');
	live.source.addEventListener('state', (ev) => setState(JSON.parse(ev.data)));
	live.source.addEventListener('error', () => {
		/* The browser reconnects by itself; say so once. */
		document.body.classList.add('offline');
	});
	live.source.addEventListener('open', () => document.body.classList.remove('offline'));
}

export function setState(st) {
	if (live.state && st.version < live.state.version)
		return;
	live.state = st;
	live.recvAt = performance.now();
	for (const fn of live.listeners)
		fn(st);
}

/* The server clock's time now, in its milliseconds. */
export function serverNow() {
	const st = live.state;
	return st.now + (performance.now() - live.recvAt) * st.scale;
}

export function onState(fn) {
	live.listeners.add(fn);
	return () => live.listeners.delete(fn);
}

export function send(event, answer) {
	const body = answer === undefined ? { event } : { event, answer };
	return api('session/event', body).then(setState).catch((e) => say(e.message));
}
