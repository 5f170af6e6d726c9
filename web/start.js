/*
 * start.js -- starting a session: the pain question first, then the
 * coach's gate, and what the person may do when it says no.
 */
import { api } from './api.js';
import { h, page, errorBox } from './dom.js';
import { setState } from './live.js';
import { LIMITS, loadLimits } from './limits.js';

/* Pain before a session: 0 to 10, or null to skip; undefined if cancelled. */
function askPain() {
	return new Promise((resolve) => {
		const pick = (v) => () => resolve(v);
		const scale = h('div', { class: 'scale', role: 'group', 'aria-label': 'Pain from 0 to 10' },
			[...Array(LIMITS.pain.max - LIMITS.pain.min + 1).keys()].map((i) => {
				const b = h('button', { type: 'button', text: String(LIMITS.pain.min + i) });
				b.addEventListener('click', pick(LIMITS.pain.min + i));
				return b;
			}));
		const skip = h('button', { type: 'button', class: 'quiet', text: 'Skip the question' });
		const back = h('button', { type: 'button', class: 'quiet', text: 'Not now' });
		skip.addEventListener('click', pick(null));
		back.addEventListener('click', () => { resolve(undefined); location.hash = '#/today'; });
		page('Before you start',
			h('p', { text: 'How much does your back hurt right now? 0 is no pain, 10 the worst you can imagine.' }),
			scale, h('div', { class: 'actions' }, skip, back));
		scale.querySelector('button').focus();
	});
}

/* What the coach's gate said, and what the person may do about it. */
function refused(g, body) {
	const actions = h('div', { class: 'actions' });
	const home = h('a', { href: '#/today', text: 'Back to Today' });
	if (g.screen) {
		/* The warning-signs questions come first; the session after them. */
		sessionStorage.setItem('midback.after-screen', JSON.stringify(body));
		location.hash = '#/screen';
		return;
	}
	if (g.gate === 'pain' && g.offer_breathing) {
		const calm = h('button', { type: 'button', class: 'primary', text: 'Breathing only' });
		calm.addEventListener('click', () => begin({ ...body, breathing: true }).catch((e) => actions.append(errorBox(e))));
		actions.append(calm);
	}
	if (g.gate === 'playing') {
		const take = h('button', { type: 'button', class: 'primary', text: 'Take it over here' });
		take.addEventListener('click', () => begin({ ...body, take_over: true }).catch((e) => actions.append(errorBox(e))));
		actions.append(take);
	}
	actions.append(home);
	page(g.gate === 'pain' ? 'Not today' : g.gate === 'playing' ? 'A session is playing elsewhere' : 'No session now',
		h('p', { class: 'advice', role: 'alert', text: g.error.charAt(0).toUpperCase() + g.error.slice(1) + '.' }), actions);
}

export async function begin(body) {
	await loadLimits();
	if (body.kind !== 'break' && !('pain' in body) && !body.take_over) {
		const pain = await askPain();
		if (pain === undefined)
			return;
		body = { ...body, pain };
	}
	try {
		setState(await api('session', body));
		location.hash = '#/player';
	} catch (e) {
		if (!e.gate)
			throw e;
		refused(e.gate, body);
	}
}
