/*
 * app.js -- midback's pages. Every rule is midback's own, in C: this file
 * asks the API (docs/api.md), shows what it answers, and sends what the
 * person does. The session's state comes over Server-Sent Events; the
 * countdown is drawn from the absolute deadline the server sends, so it
 * never drifts, and every tab shows the same session.
 */
'use strict';

const TOKEN = document.querySelector('meta[name="midback-token"]').content;
const main = document.getElementById('main');
const announcer = document.getElementById('announce');

/* ---- small helpers ---- */

function h(tag, attrs, ...kids) {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === null || v === undefined || v === false)
			continue;
		if (k.startsWith('on'))
			el.addEventListener(k.slice(2), v);
		else if (k === 'text')
			el.textContent = v;
		else
			el.setAttribute(k, v === true ? '' : v);
	}
	for (const kid of kids.flat()) {
		if (kid === null || kid === undefined || kid === false)
			continue;
		el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
	}
	return el;
}

const SVGNS = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...kids) {
	const el = document.createElementNS(SVGNS, tag);
	for (const [k, v] of Object.entries(attrs || {}))
		el.setAttribute(k, v);
	for (const kid of kids.flat())
		if (kid)
			el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
	return el;
}

function say(text) {
	announcer.textContent = '';
	setTimeout(() => { announcer.textContent = text; }, 30);
}

async function api(path, body) {
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

function page(title, ...kids) {
	document.title = title + ' · midback';
	main.replaceChildren(h('h1', { text: title }), ...kids.filter((k) => k !== null && k !== undefined && k !== false));
}

function errorBox(err) {
	return h('p', { class: 'error', role: 'alert', text: err.message || String(err) });
}

function clock(ms) {
	const sec = Math.max(0, Math.ceil(ms / 1000));
	return Math.floor(sec / 60) + ':' + String(sec % 60).padStart(2, '0');
}

function figure(id, name) {
	/* The exercise's figure, moving (an animated SVG from the server). */
	const img = h('img', { class: 'figure', src: '/api/exercises/' + encodeURIComponent(id) + '/figure.svg', alt: 'Figure showing ' + name, width: 160, height: 160 });
	const box = h('div', { class: 'figure-slot' }, img);
	img.addEventListener('error', () => box.classList.add('empty'));
	return box;
}

/* ---- the session, shared by every page ---- */

const live = { state: null, offset: 0, recvAt: 0, source: null, listeners: new Set() };

function connect() {
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

function setState(st) {
	if (live.state && st.version < live.state.version)
		return;
	live.state = st;
	live.recvAt = performance.now();
	for (const fn of live.listeners)
		fn(st);
}

/* The server clock's time now, in its milliseconds. */
function serverNow() {
	const st = live.state;
	return st.now + (performance.now() - live.recvAt) * st.scale;
}

function onState(fn) {
	live.listeners.add(fn);
	return () => live.listeners.delete(fn);
}

/* ---- pages ---- */

/* The plan options' limits and defaults are the coach's (GET /api/limits). */
let LIMITS = null;
let EQUIPMENT = [];
let prefs = null;

async function loadLimits() {
	if (LIMITS)
		return;
	LIMITS = await api('limits');
	EQUIPMENT = LIMITS.equipment.names;
	prefs = JSON.parse(localStorage.getItem('midback.plan') || 'null') ||
		{ minutes: LIMITS.minutes.default, place: LIMITS.place.default, equipment: LIMITS.equipment.default, one: false };
}

function planQuery() {
	const q = new URLSearchParams();
	if (prefs.one)
		q.set('one', '1');
	else
		q.set('minutes', prefs.minutes);
	q.set('place', prefs.place);
	q.set('equipment', prefs.equipment.length ? prefs.equipment.join(',') : 'none');
	return q.toString();
}

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

async function begin(body) {
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

async function pageToday() {
	await loadLimits();
	const list = h('div', { class: 'plan' });
	const form = h('form', { class: 'plan-form', 'aria-label': 'Plan options' });
	const minutes = h('input', { type: 'number', id: 'minutes', min: LIMITS.minutes.min, max: LIMITS.minutes.max, value: prefs.minutes, inputmode: 'numeric' });
	const one = h('input', { type: 'checkbox', id: 'one', checked: prefs.one });
	const place = h('select', { id: 'place' },
		LIMITS.place.names.map((p) => h('option', { value: p, selected: prefs.place === p, text: { any: 'Anywhere', desk: 'At my desk', floor: 'On the floor' }[p] })));
	const equip = h('fieldset', { class: 'equip' }, h('legend', { text: 'At hand' }),
		EQUIPMENT.map((e) => h('label', {}, h('input', { type: 'checkbox', name: 'equipment', value: e, checked: prefs.equipment.includes(e) }), ' ' + e)));
	form.append(
		h('div', { class: 'row' },
			h('label', { for: 'minutes' }, 'Minutes'), minutes,
			h('label', { for: 'place' }, 'Where'), place),
		h('div', { class: 'row' }, h('label', { class: 'inline' }, one, ' Just one exercise, for a busy day')),
		equip);
	const start = h('button', { class: 'primary big', type: 'button', text: 'Start the routine' });
	const brk = h('button', { type: 'button', text: 'A desk break (1–3 min)' });
	const resume = h('div', { class: 'resume' });
	const nextday = h('div', { class: 'nextday' });
	page('Today', nextday, resume, form, list, h('div', { class: 'actions' }, start, brk));

	async function refresh() {
		prefs.minutes = Math.min(LIMITS.minutes.max, Math.max(LIMITS.minutes.min, parseInt(minutes.value, 10) || LIMITS.minutes.default));
		prefs.place = place.value;
		prefs.one = one.checked;
		minutes.disabled = one.checked;
		prefs.equipment = [...equip.querySelectorAll('input:checked')].map((i) => i.value);
		localStorage.setItem('midback.plan', JSON.stringify(prefs));
		try {
			const plan = await api('today?' + planQuery());
			const total = clock(plan.total_s * 1000);
			list.replaceChildren(
				h('p', { class: 'summary' }, plan.one ? 'Your one exercise for ' + plan.date : plan.items.length + ' exercises, ' + total + ' in all, for ' + plan.date),
				plan.program ? h('p', { class: 'program-line' }, noCli(plan.program) + ' ', h('a', { href: '#/program', text: 'The program' })) : null,
				h('ol', { class: 'items' }, plan.items.map((it) => h('li', {},
					h('a', { href: '#/library/' + it.id, class: 'name', text: it.name }),
					h('span', { class: 'dose', text: it.dose_text }),
					h('span', { class: 'time', text: clock(it.duration_s * 1000) }),
					h('span', { class: 'stage', text: it.stage_name })))));
			start.disabled = plan.items.length === 0;
		} catch (e) {
			list.replaceChildren(errorBox(e));
		}
	}
	form.addEventListener('change', refresh);
	form.addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
	api('nextday').then((nd) => showNextday(nextday, nd, refresh))
		.catch((e) => nextday.append(errorBox(e)));
	start.addEventListener('click', () => begin(prefs.one ?
		{ one: true, place: prefs.place, equipment: prefs.equipment.join(',') || 'none' } :
		{ minutes: prefs.minutes, place: prefs.place, equipment: prefs.equipment.join(',') || 'none' })
		.catch((e) => list.prepend(errorBox(e))));
	brk.addEventListener('click', () => begin({ kind: 'break', equipment: prefs.equipment.join(',') || 'none' })
		.catch((e) => list.prepend(errorBox(e))));
	const st = await api('session');
	setState(st);
	if (st.session && st.session.state !== 'done') {
		resume.replaceChildren(h('p', { class: 'note' }, 'A session is being played. ', h('a', { href: '#/player', text: 'Go back to it' })));
	} else if (st.unfinished) {
		const b = h('button', { type: 'button', class: 'primary', text: 'Resume it' });
		b.addEventListener('click', async () => {
			try {
				setState(await api('session/resume', {}));
				location.hash = '#/player';
			} catch (e) { resume.append(errorBox(e)); }
		});
		resume.replaceChildren(h('p', { class: 'note' }, 'An unfinished session is waiting: ' + st.unfinished.done + ' done, ' + st.unfinished.left + ' left. ', b));
	}
	refresh();
}

/*
 * The next-day question (asked once a day, after a day with a session),
 * the coach's words for today after it, and the six-week words once.
 */
function showNextday(box, nd, refresh) {
	const kids = [];
	if (nd.ask) {
		const fs = h('fieldset', { class: 'question nextday-ask' },
			h('legend', { text: nd.ask.question }));
		const send = async (answer) => {
			try {
				showNextday(box, await api('nextday', { answer }), refresh);
				refresh();
			} catch (e) { box.append(errorBox(e)); }
		};
		for (const [v, label] of [['better', 'Better'], ['same', 'The same'], ['worse', 'Worse']])
			fs.append(h('button', { type: 'button', value: v, text: label, onclick: () => send(v) }));
		fs.append(h('button', { type: 'button', class: 'nextday-skip', text: 'Skip', onclick: () => send(null) }));
		kids.push(fs);
	}
	if (nd.advice)
		kids.push(h('p', { class: 'advice', role: 'status', text: nd.advice }));
	if (nd.notice) {
		kids.push(h('p', { class: 'advice', role: 'alert', text: nd.notice }));
		/* Said once: the coach records it shown. */
		api('nextday', { seen: true }).catch(() => {});
	}
	box.replaceChildren(...kids);
}

async function pageScreen() {
	const sc = await api('screen');
	const form = h('form', { class: 'screen' });
	const qs = [];
	/* Each sign a clinician may clear has its own clearance, asked
	 * only after a yes to it. */
	const clear = [];
	sc.questions.forEach((q, i) => {
		if (q.group && (i === 0 || sc.questions[i - 1].group !== q.group))
			qs.push(h('h2', { text: q.group }));
		qs.push(h('fieldset', { class: 'question' },
			h('legend', { text: (i + 1) + '. ' + q.text }),
			h('label', {}, h('input', { type: 'radio', name: 'q' + i, value: 'no', required: true }), ' No'),
			h('label', {}, h('input', { type: 'radio', name: 'q' + i, value: 'yes' }), ' Yes')));
		if (!q.clearable || !sc.cleared)
			return;
		clear[i] = h('fieldset', { class: 'question clearance', hidden: true },
			h('legend', { text: q.name.charAt(0).toUpperCase() + q.name.slice(1) + ': ' +
				sc.cleared.charAt(0).toLowerCase() + sc.cleared.slice(1) }),
			h('label', {}, h('input', { type: 'radio', name: 'c' + i, value: 'yes' }), ' Yes'),
			h('label', {}, h('input', { type: 'radio', name: 'c' + i, value: 'no' }), ' No'));
		qs.push(clear[i]);
	});
	form.addEventListener('change', () => {
		const fd = new FormData(form);
		clear.forEach((c, i) => { if (c) c.hidden = fd.get('q' + i) !== 'yes'; });
	});
	const accept = h('fieldset', { class: 'question' },
		h('legend', { text: sc.accept }),
		h('label', {}, h('input', { type: 'radio', name: 'accept', value: 'yes', required: true }), ' Yes'),
		h('label', {}, h('input', { type: 'radio', name: 'accept', value: 'no' }), ' No'));
	const out = h('div', { 'aria-live': 'polite' });
	form.append(h('p', { class: 'intro', text: sc.intro }), ...qs,
		h('p', { class: 'notice', text: sc.notice }), accept,
		h('button', { class: 'primary', type: 'submit', text: 'Save my answers' }), out);
	page(sc.needed ? (sc.first ? 'Before the first session' : 'Before the next session') : 'Warning signs', form);
	if (sc.needed && !sc.first && sc.why)
		form.prepend(h('p', { class: 'advice', role: 'alert', text: sc.why.charAt(0).toUpperCase() + sc.why.slice(1) + '.' }));
	if (!sc.needed)
		form.prepend(h('p', { class: 'note', text: 'You have answered these already; they are here to read.' }));
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const fd = new FormData(form);
		const answers = sc.questions.map((q, i) => fd.get('q' + i) === 'yes');
		const why = sc.questions.filter((q, i) => answers[i]).map((q) => q.why);
		try {
			const v = await api('screen', { answers,
				cleared: sc.questions.map((q, i) => !!clear[i] && !clear[i].hidden && fd.get('c' + i) === 'yes'),
				accepted: fd.get('accept') === 'yes' });
			if (v.verdict === 'go') {
				const next = sessionStorage.getItem('midback.after-screen');
				sessionStorage.removeItem('midback.after-screen');
				if (next)
					await begin(JSON.parse(next));
				else
					location.hash = '#/today';
				return;
			}
			sessionStorage.removeItem('midback.after-screen');
			out.replaceChildren(h('div', { class: 'advice', role: 'alert' },
				why.map((w) => h('p', { text: w })),
				v.advice ? h('p', { class: 'strong', text: v.advice }) : null,
				h('p', { text: v.verdict === 'declined' ?
					'Without that, midback will not start a session. The questions will be asked again next time.' :
					'midback will not start a session until then. The questions will be asked again next time.' })));
		} catch (err) {
			out.replaceChildren(errorBox(err));
		}
	});
}

/* ---- the player ---- */

const FEELS = [
	['fine', 'Fine'], ['stretch', 'A stretch'], ['discomfort', 'Mild discomfort'],
	['sharp', 'Sharp pain'], ['tingling', 'Tingling'], ['burning', 'Burning'], ['numb', 'Numbness'],
];

const voice = {
	on: localStorage.getItem('midback.voice') === '1',
	speak(text) {
		if (!this.on || !text || !('speechSynthesis' in window))
			return;
		window.speechSynthesis.cancel();
		window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
	},
};

let wakeLock = null;
async function keepAwake(on) {
	try {
		if (on && !wakeLock && 'wakeLock' in navigator) {
			wakeLock = await navigator.wakeLock.request('screen');
			wakeLock.addEventListener('release', () => { wakeLock = null; });
		} else if (!on && wakeLock) {
			await wakeLock.release();
			wakeLock = null;
		}
	} catch (e) { /* not allowed now: the screen may sleep */ }
}

let beepCtx = null;
function beep(high) {
	try {
		beepCtx = beepCtx || new AudioContext();
		const o = beepCtx.createOscillator(), g = beepCtx.createGain();
		o.frequency.value = high ? 880 : 660;
		g.gain.value = 0.08;
		o.connect(g).connect(beepCtx.destination);
		o.start();
		o.stop(beepCtx.currentTime + 0.12);
	} catch (e) { /* no audio */ }
}

function send(event, answer) {
	const body = answer === undefined ? { event } : { event, answer };
	return api('session/event', body).then(setState).catch((e) => say(e.message));
}

function pagePlayer() {
	const R = 88, C = 2 * Math.PI * R;
	const arc = s('circle', { class: 'ring-arc', cx: 100, cy: 100, r: R, 'stroke-dasharray': C, 'stroke-dashoffset': 0, transform: 'rotate(-90 100 100)' });
	const breath = s('circle', { class: 'breath', cx: 100, cy: 100, r: 40 });
	const secs = h('div', { class: 'secs', 'aria-hidden': 'true' });
	const ring = h('div', { class: 'ring' },
		s('svg', { viewBox: '0 0 200 200', 'aria-hidden': 'true', focusable: 'false' },
			s('circle', { class: 'ring-track', cx: 100, cy: 100, r: R }), breath, arc), secs);
	const title = h('h1', { id: 'ex-title', tabindex: '-1' });
	const where = h('p', { class: 'where' });
	const phase = h('p', { class: 'phase', 'aria-live': 'polite', 'aria-atomic': 'true' });
	const counters = h('p', { class: 'counters' });
	const cue = h('p', { class: 'cue' });
	const next = h('p', { class: 'next' });
	const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Session progress' });
	const fig = h('div', { class: 'fig' });
	const question = h('div', { class: 'question-box', 'aria-live': 'polite' });
	const aside = h('p', { class: 'advice set-aside', role: 'status', hidden: true });
	const bPause = h('button', { type: 'button', 'aria-keyshortcuts': 'Space', text: 'Pause' });
	const bBack = h('button', { type: 'button', 'aria-keyshortcuts': 'P ArrowLeft', text: 'Back' });
	const bNext = h('button', { type: 'button', 'aria-keyshortcuts': 'N ArrowRight', text: 'Next' });
	const bHurt = h('button', { type: 'button', class: 'hurt', 'aria-keyshortcuts': 'X', text: 'It hurts' });
	const bQuit = h('button', { type: 'button', 'aria-keyshortcuts': 'Q', text: 'End' });
	const bVoice = h('button', { type: 'button', 'aria-pressed': String(voice.on), text: 'Voice' });
	const controls = h('div', { class: 'controls', role: 'group', 'aria-label': 'Session controls' }, bBack, bPause, bNext, bHurt, bQuit, bVoice);
	const help = h('details', { class: 'keys' }, h('summary', { text: 'Keyboard shortcuts' }),
		h('p', { text: 'Space pause or go on · N or → next · P or ← back · X it hurts · Q end · 1–7 how it felt · Y or N to an offer · ? this help' }));
	const stage = h('section', { class: 'player', 'aria-labelledby': 'ex-title' },
		h('div', { class: 'head' }, h('p', { class: 'count' }), bar), title,
		h('div', { class: 'body' }, h('div', { class: 'left' }, ring, fig), h('div', { class: 'right' }, phase, counters, cue, where, next, aside, question)),
		controls, help);
	document.title = 'Playing · midback';
	main.replaceChildren(stage);

	let lastSeq = -1, lastState = '', lastEx = '', lastLeft = -1, raf = 0;

	bPause.addEventListener('click', () => send(live.state.session.paused ? 'resume' : 'pause'));
	bBack.addEventListener('click', () => send('back'));
	bNext.addEventListener('click', () => send('skip'));
	bHurt.addEventListener('click', () => send('hurt'));
	bQuit.addEventListener('click', () => { if (confirm('End the session? What you did is saved.')) send('quit'); });
	bVoice.addEventListener('click', () => {
		voice.on = !voice.on;
		localStorage.setItem('midback.voice', voice.on ? '1' : '0');
		bVoice.setAttribute('aria-pressed', String(voice.on));
		if (voice.on)
			voice.speak('Voice on.');
	});

	function tick() {
		raf = requestAnimationFrame(tick);
		const ss = live.state && live.state.session;
		if (!ss || !ss.phase) {
			secs.textContent = '';
			arc.setAttribute('stroke-dashoffset', C);
			breath.classList.remove('on');
			return;
		}
		const p = ss.phase;
		const left = ss.paused ? p.remaining_ms : Math.max(0, p.end - serverNow());
		const frac = p.duration_ms > 0 ? left / p.duration_ms : 0;
		arc.setAttribute('stroke-dashoffset', String(C * (1 - frac)));
		secs.textContent = clock(left);
		const whole = Math.ceil(left / 1000);
		if (p.countdown && !ss.paused && whole !== lastLeft && whole >= 1 && whole <= 3) {
			beep(false);
			voice.speak(['', 'one', 'two', 'three'][whole]);
		}
		lastLeft = whole;
		/* Breath pacing: the circle grows on the in-breath. */
		if (p.kind === 'inhale' || p.kind === 'exhale') {
			const t = 1 - frac;
			const r = p.kind === 'inhale' ? 40 + 40 * t : 80 - 40 * t;
			breath.setAttribute('r', String(r));
			breath.classList.add('on');
		} else
			breath.classList.remove('on');
	}

	function render(st) {
		const ss = st.session;
		if (!ss) {
			cancelAnimationFrame(raf);
			keepAwake(false);
			main.replaceChildren(h('h1', { text: st.taken ? 'Taken over' : st.rise ? 'Rest today' : 'No session now' }),
				st.taken ? h('p', { class: 'note', role: 'status', text: st.taken }) : null,
				st.rise ? h('p', { class: 'advice', role: 'alert', text: st.rise }) : null,
				h('p', {}, h('a', { href: '#/today', text: 'Plan today’s routine' })));
			return;
		}
		/* A session that begins while "no session" shows brings the player back. */
		if (!stage.isConnected)
			main.replaceChildren(stage);
		stage.querySelector('.count').textContent = ss.state === 'done' ? 'Session over' : 'Exercise ' + ss.index + ' of ' + ss.count;
		bar.value = ss.frac;
		keepAwake(ss.state !== 'done');
		bPause.textContent = ss.paused ? 'Go on' : 'Pause';
		bPause.disabled = ss.state !== 'work';
		bHurt.disabled = ss.state !== 'work' && ss.state !== 'feel';
		bBack.disabled = bNext.disabled = bQuit.disabled = ss.state === 'done';
		stage.classList.toggle('paused', ss.paused);
		if (ss.exercise) {
			title.textContent = ss.exercise.name;
			cue.textContent = ss.exercise.cue;
			where.textContent = 'Position: ' + ss.exercise.position;
			if (ss.exercise.id !== lastEx) {
				fig.replaceChildren(figure(ss.exercise.id, ss.exercise.name));
				lastEx = ss.exercise.id;
			}
		}
		next.textContent = ss.next ? 'Next: ' + ss.next.name : '';
		/* The coach's words after a pain answer: set aside until when, and what follows. */
		aside.textContent = ss.set_aside && ss.set_aside.words ? ss.set_aside.words : '';
		aside.hidden = !aside.textContent;
		counters.textContent = ss.phase ? ss.phase.counters : '';
		phase.textContent = ss.paused ? 'Paused' : ss.phase ? ss.phase.label : '';
		if (ss.phase && ss.phase.seq !== lastSeq) {
			if (lastSeq !== -1)
				beep(true);
			voice.speak(ss.phase.say);
			lastSeq = ss.phase.seq;
		}
		stage.dataset.phase = ss.phase ? ss.phase.kind : ss.state;
		if (ss.state !== lastState) {
			question.replaceChildren();
			if (ss.state === 'feel') {
				question.append(h('fieldset', { class: 'feel' }, h('legend', { text: 'How did it feel?' }),
					FEELS.map(([k, label], i) => {
						const b = h('button', { type: 'button', class: i >= 3 ? 'bad' : '', 'aria-keyshortcuts': String(i + 1), text: (i + 1) + ' ' + label });
						b.addEventListener('click', () => send('answer', k));
						return b;
					}),
					(() => { const b = h('button', { type: 'button', class: 'quiet', text: 'Skip the question' }); b.addEventListener('click', () => send('skip')); return b; })()));
				say('How did it feel?');
				question.querySelector('button').focus();
			} else if (ss.state === 'offer') {
				const yes = h('button', { type: 'button', class: 'primary', 'aria-keyshortcuts': 'Y', text: 'Yes, try ' + ss.offer.name });
				const no = h('button', { type: 'button', 'aria-keyshortcuts': 'N', text: 'No, go on' });
				yes.addEventListener('click', () => send('answer', true));
				no.addEventListener('click', () => send('answer', false));
				question.append(h('div', { class: 'offer', role: 'alert' },
					h('p', { class: 'strong', text: 'Stop that one.' }),
					h('p', { text: (ss.offer.ask || 'An easier option is ' + ss.offer.name + '.') + ' ' + ss.offer.why }), yes, ' ', no));
				yes.focus();
			} else if (ss.state === 'done')
				renderDone(ss);
			else if (lastState === 'feel' || lastState === 'offer' || lastState === '')
				title.focus();
			lastState = ss.state;
		}
		if (ss.state === 'done' && !ss.exercise) {
			title.textContent = ss.end === 'finished' ? (ss.kind === 'break' || !(ss.set_aside && ss.set_aside.count) ? 'Well done' : 'Session over') :
				{ quit: 'Session ended early', clinician: 'Please stop here' }[ss.end] || 'Session over';
			where.textContent = cue.textContent = counters.textContent = '';
		}
		if (!raf)
			tick();
	}

	function renderDone(ss) {
		const words = ss.end_words || 'Session over.';
		question.append(h('p', { class: ss.end === 'clinician' ? 'advice strong' : 'strong', role: 'status', text: words }));
		if (ss.failed)
			question.append(h('p', { class: 'error', text: 'It could not all be saved: ' + ss.failed }));
		if (ss.ask_pain && !ss.rated) {
			const sel = h('select', { id: 'pain-after' }, h('option', { value: '', text: 'Choose' }),
				[...Array(11).keys()].map((i) => h('option', { value: i, text: String(i) })));
			const ok = h('button', { type: 'button', class: 'primary', text: 'Save' });
			const skip = h('button', { type: 'button', text: 'Skip' });
			ok.addEventListener('click', () => sel.value !== '' && api('session/pain', { pain: parseInt(sel.value, 10) }).then((st) => { setState(st); if (!st.rise) location.hash = '#/progress'; }).catch((e) => say(e.message)));
			skip.addEventListener('click', () => api('session/close', {}).then(setState).then(() => { location.hash = '#/today'; }));
			question.append(h('div', { class: 'row' }, h('label', { for: 'pain-after', text: 'How much does your back hurt now, 0 to 10?' }), sel, ok, skip));
		} else {
			const done = h('button', { type: 'button', class: 'primary', text: 'Done' });
			done.addEventListener('click', () => api('session/close', {}).then(setState).then(() => { location.hash = '#/today'; }));
			question.append(done);
		}
		say(words);
	}

	function keys(e) {
		if (e.target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey)
			return;
		const ss = live.state && live.state.session;
		if (!ss || ss.state === 'done')
			return;
		const k = e.key;
		let done = true;
		if (k === ' ' && ss.state === 'work' && !(e.target instanceof HTMLButtonElement))
			send(ss.paused ? 'resume' : 'pause');
		else if (k === 'n' && ss.state === 'offer')
			send('answer', false);
		else if (k === 'y' && ss.state === 'offer')
			send('answer', true);
		else if (k === 'n' || k === 'ArrowRight')
			send('skip');
		else if (k === 'p' || k === 'ArrowLeft')
			send('back');
		else if (k === 'x')
			send('hurt');
		else if (k === 'q')
			bQuit.click();
		else if (k === '?')
			help.open = !help.open;
		else if (ss.state === 'feel' && k >= '1' && k <= '7')
			send('answer', FEELS[k - 1][0]);
		else
			done = false;
		if (done)
			e.preventDefault();
	}
	document.addEventListener('keydown', keys);
	const off = onState(render);
	if (live.state)
		render(live.state);
	api('session').then(setState);
	return () => {
		off();
		document.removeEventListener('keydown', keys);
		cancelAnimationFrame(raf);
		keepAwake(false);
	};
}

/* ---- library ---- */

async function pageLibrary(id) {
	if (id)
		return pageExercise(id);
	const all = (await api('exercises')).exercises;
	const motions = [...new Set(all.flatMap((e) => e.motions))].sort();
	const places = [...new Set(all.flatMap((e) => e.places))].sort();
	const sel = (name, label, opts) => h('label', {}, label + ' ',
		h('select', { name }, h('option', { value: '', text: 'any' }), opts.map((o) => h('option', { value: o, text: o }))));
	const form = h('form', { class: 'filters', 'aria-label': 'Filters' },
		sel('motion', 'Motion', motions), sel('place', 'Place', places),
		h('fieldset', { class: 'equip' }, h('legend', { text: 'At hand' }),
			EQUIPMENT.map((e) => h('label', {}, h('input', { type: 'checkbox', name: 'equipment', value: e, checked: true }), ' ' + e))));
	const list = h('ul', { class: 'library', 'aria-live': 'polite' });
	page('Library', form, list);
	async function refresh() {
		const fd = new FormData(form);
		const q = new URLSearchParams();
		if (fd.get('motion')) q.set('motion', fd.get('motion'));
		if (fd.get('place')) q.set('place', fd.get('place'));
		q.set('equipment', fd.getAll('equipment').join(',') || 'none');
		try {
			const got = (await api('exercises?' + q)).exercises;
			list.replaceChildren(...got.map((e) => h('li', {},
				h('a', { href: '#/library/' + e.id }, h('strong', { text: e.name })),
				h('span', { class: 'meta', text: ' ' + e.dose_text + ' · ' + (e.motions.join(', ') || e.kind) + ' · ' + e.places.join(', ') }))));
			if (!got.length)
				list.append(h('li', { text: 'Nothing fits these filters.' }));
		} catch (e) { list.replaceChildren(errorBox(e)); }
	}
	form.addEventListener('change', refresh);
	refresh();
}

async function pageExercise(id) {
	const e = await api('exercises/' + encodeURIComponent(id));
	const sect = (title, items, tag) => items && items.length ? h('section', {}, h('h2', { text: title }), h(tag || 'ul', {}, items.map((t) => h('li', { text: t })))) : null;
	let easier = null;
	if (e.regression) {
		const r = await api('exercises/' + encodeURIComponent(e.regression)).catch(() => null);
		if (r)
			easier = h('section', {}, h('h2', { text: 'Easier option' }), h('p', {}, h('a', { href: '#/library/' + r.id, text: r.name }), ': ' + r.why));
	}
	page(e.name,
		h('div', { class: 'exercise' },
			figure(e.id, e.name),
			h('div', {},
				h('p', { class: 'why', text: e.why }),
				h('p', { class: 'meta', text: 'Dose: ' + e.dose_text + '. Position: ' + e.position + '. Equipment: ' + e.equipment.join(', ') + '.' }))),
		sect('Steps', e.steps, 'ol'), sect('Cues', e.cues), sect('Cautions', e.cautions), easier,
		sect('Suits', e.suits), sect('Source', e.source_words || e.source),
		h('p', {}, h('a', { href: '#/library', text: 'Back to the library' })));
}

/* ---- progress ---- */

function barChart(weeks) {
	const W = 320, H = 140, max = Math.max(10, ...weeks.map((w) => w.minutes));
	const bw = W / weeks.length;
	return s('svg', { viewBox: `0 0 ${W} ${H + 20}`, class: 'chart', role: 'img', 'aria-labelledby': 'mw-t' },
		s('title', { id: 'mw-t' }, 'Minutes per week: ' + weeks.map((w) => w.first + ' ' + w.minutes).join(', ')),
		weeks.map((w, i) => {
			const bh = Math.round(H * w.minutes / max);
			return s('g', {},
				s('rect', { x: i * bw + 4, y: H - bh, width: bw - 8, height: bh, class: 'bar' }),
				w.minutes ? s('text', { x: i * bw + bw / 2, y: H - bh - 4, 'text-anchor': 'middle', class: 'val' }, String(w.minutes)) : null,
				s('text', { x: i * bw + bw / 2, y: H + 14, 'text-anchor': 'middle', class: 'lbl' }, w.first.slice(5)));
		}));
}

function painChart(weeks) {
	const W = 320, H = 120, pts = weeks.map((w, i) => w.pain_mean === null ? null : [i * W / Math.max(1, weeks.length - 1), H - H * w.pain_mean / 10]);
	const path = pts.filter(Boolean).map((p, i) => (i ? 'L' : 'M') + p[0].toFixed(1) + ' ' + p[1].toFixed(1)).join(' ');
	return s('svg', { viewBox: `-6 -6 ${W + 12} ${H + 12}`, class: 'chart', role: 'img', 'aria-labelledby': 'pw-t' },
		s('title', { id: 'pw-t' }, 'Weekly pain, 0 to 10: ' + weeks.map((w) => w.first + ' ' + (w.pain_mean === null ? 'none' : w.pain_mean.toFixed(1))).join(', ')),
		s('line', { x1: 0, y1: H, x2: W, y2: H, class: 'axis' }),
		[5, 10].map((v) => s('line', { x1: 0, y1: H - H * v / 10, x2: W, y2: H - H * v / 10, class: 'grid' })),
		[0, 5, 10].map((v) => s('text', { x: W, y: H - H * v / 10 - 3, 'text-anchor': 'end', class: 'lbl' }, String(v))),
		path ? s('path', { d: path, class: 'line' }) : null,
		pts.filter(Boolean).map((p) => s('circle', { cx: p[0], cy: p[1], r: 4, class: 'dot' })));
}

function calendar(days) {
	return h('div', { class: 'calendar', role: 'list', 'aria-label': 'Active days, the last five weeks' },
		days.map((d) => h('span', { role: 'listitem', class: d.active ? 'day on' : 'day', title: d.date, 'aria-label': d.date + (d.active ? ', active' : ', not active') })));
}

async function pageProgress() {
	const p = await api('progress');
	const pc = p.pain_change;
	page('Progress',
		h('div', { class: 'cards' },
			h('div', { class: 'card' }, h('p', { class: 'big', text: String(p.current_streak.days) }), h('p', { text: p.current_streak.days === 1 ? 'day in a row' : 'days in a row' })),
			h('div', { class: 'card' }, h('p', { class: 'big', text: String(p.longest_streak.days) }), h('p', { text: 'longest run' })),
			h('div', { class: 'card' }, h('p', { class: 'big', text: p.adherence.days + '/' + p.adherence.of }), h('p', { text: 'days with ' + p.adherence.minutes_needed + ' minutes' }))),
		h('section', {}, h('h2', { text: 'Active days' }), h('p', { class: 'meta', text: 'The last five weeks, a row a week, today last.' }), calendar(p.days)),
		h('section', {}, h('h2', { text: 'Minutes per week' }), barChart(p.weeks)),
		h('section', {}, h('h2', { text: 'Pain, weekly mean' }), painChart(p.weeks),
			h('p', { text: pc === null ? 'Not enough ratings yet for a trend.' : Math.abs(pc) < 0.05 ? 'No change.' : (pc < 0 ? 'Down ' : 'Up ') + Math.abs(pc).toFixed(1) + ' since the first week with ratings.' }),
			pc !== null && pc >= LIMITS.pain.rise ? h('p', { class: 'advice', text: 'Pain has gone up. If it keeps rising, or wakes you at night, see a clinician.' }) : null),
		h('section', {}, h('h2', { text: 'Breaks, last 28 days' }),
			h('p', { text: `${p.reminders_28_days.taken} taken, ${p.reminders_28_days.natural} natural, ${p.reminders_28_days.snoozed} snoozed, ${p.reminders_28_days.skipped} skipped, ${p.reminders_28_days.missed} missed` })),
		h('section', {}, h('h2', { text: 'Feels best' }),
			p.favourites.length ? h('ol', {}, p.favourites.map((f) => h('li', {}, h('a', { href: '#/library/' + f.id, text: f.name }), ` — done ${f.done} time${f.done === 1 ? '' : 's'}` + (f.good + f.fair + f.bad ? `, felt good ${f.good} of ${f.good + f.fair + f.bad}` : '')))) :
				h('p', { text: 'Nothing yet: rate how the exercises feel as you play them.' })),
		p.set_aside.length ? h('section', {}, h('h2', { text: 'Set aside by the pain rule' }),
			h('ul', {}, p.set_aside.map((a) => h('li', { text: a.name + ', back on ' + a.back_on })))) : null);
}

/* ---- the program over weeks, and its self-tests ---- */

/* A CLI hint in a shared sentence ("(midback program --test)") is for the terminal. */
function noCli(text) {
	return text.replace(/\s*\(midback [^)]*\)/g, '');
}

function plural(n, one, many) {
	return n + ' ' + (n === 1 ? one : many);
}

/* A self-test's scores over time, as a percent of its reference, oldest on the left. */
function scoreLine(test, rs) {
	const W = 220, H = 60, top = Math.max(100, ...rs.map((r) => r.score));
	const x = (i) => i * W / (rs.length - 1);
	const y = (v) => H - H * v / top;
	const path = rs.map((r, i) => (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(r.score).toFixed(1)).join(' ');
	return s('svg', { viewBox: `-30 -8 ${W + 42} ${H + 28}`, class: 'chart spark', role: 'img', 'aria-label': test.name + ', percent of the reference, oldest first: ' + rs.map((r) => r.date + ' ' + r.score + '%').join(', ') },
		s('line', { x1: 0, y1: H, x2: W, y2: H, class: 'axis' }),
		s('line', { x1: 0, y1: y(100), x2: W, y2: y(100), class: 'grid' }),
		s('text', { x: -4, y: y(100) + 4, 'text-anchor': 'end', class: 'lbl' }, '100%'),
		s('text', { x: -4, y: H + 3, 'text-anchor': 'end', class: 'lbl' }, '0'),
		s('text', { x: 0, y: H + 16, class: 'lbl' }, rs[0].date),
		s('text', { x: W, y: H + 16, 'text-anchor': 'end', class: 'lbl' }, rs[rs.length - 1].date),
		s('path', { d: path, class: 'line' }),
		rs.map((r, i) => s('circle', { cx: x(i), cy: y(r.score), r: 4, class: 'dot' })));
}

/* One test's results: each side on its own, the difference, and the score against the reference. */
function trend(test, weakest, pending) {
	const all = test.results, rs = all.filter((r) => !r.earlier), earlier = all.length - rs.length;
	const head = h('h3', { text: test.name });
	const what = h('p', { class: 'meta', text: `It measures ${test.measures}. Reference: ${test.reference} (${test.source}).` });
	const day = (d) => h('span', { class: 'nowrap', text: d });
	const old = earlier ? h('p', { class: 'meta', text: `${plural(earlier, 'result', 'results')} of the earlier test kept, not compared with this one.` }) : null;
	const still = pending ? h('p', { class: 'note', text: 'Still to do in this set.' }) : null;
	if (!rs.length)
		return h('section', { class: 'test', 'data-test': test.test }, head, what, h('p', { class: 'meta', text: 'Not taken yet.' }), still, old);
	const first = rs[0], last = rs[rs.length - 1];
	const change = last.score > first.score ? 'better now' : last.score < first.score ? 'less well now' : 'the same now';
	const unit = test.unit || 'of 3';
	const cols = test.sides ? ['Date', 'Left', 'Right', 'Apart', 'Score'] : ['Date', 'Result', 'Score'];
	const row = (r) => test.sides ?
		[h('td', { class: 'nowrap', text: r.date }), h('td', { class: 'num', text: `${r.left} ${unit}` }), h('td', { class: 'num', text: `${r.right} ${unit}` }), h('td', { class: 'num', text: String(r.difference) }), h('td', { class: 'num', text: r.score + '%' })] :
		[h('td', { class: 'nowrap', text: r.date }), h('td', { text: r.text }), h('td', { class: 'num', text: r.score + '%' })];
	const sides = test.sides ? h('ul', { class: 'sides' },
		['left', 'right'].map((side) => h('li', {}, h('strong', { text: side[0].toUpperCase() + side.slice(1) + ': ' }),
			rs.length > 1 ? `${first[side]} → ${last[side]} ${unit} (${first[side + '_score']}% → ${last[side + '_score']}%)` : `${last[side]} ${unit} (${last[side + '_score']}%)`)),
		h('li', {}, h('strong', { text: 'Apart: ' }), rs.length > 1 ? `${first.difference} → ${last.difference}` : String(last.difference))) : null;
	return h('section', { class: 'test', 'data-test': test.test }, head, what,
		h('p', {}, 'Latest: ', h('strong', { text: last.text }), ` (${last.score}% of the reference, `, day(last.date), ').',
			rs.length > 1 ? [' First: ' + first.text + ` (${first.score}%, `, day(first.date), `): ${change}.`] : null),
		sides,
		weakest ? h('p', { class: 'note', text: 'The weakest test now, so its work gets more of each day.' }) : null,
		still,
		rs.length < 2 ? null : h('div', { class: 'trend' },
			h('table', {},
				h('caption', { class: 'sr-only', text: test.name + ', every result, newest first' }),
				h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', text: c })))),
				h('tbody', {}, rs.slice().reverse().map((r) => h('tr', {}, row(r))))),
			scoreLine(test, rs)),
		old);
}

async function pageProgram() {
	const [p, lib] = await Promise.all([api('program'), api('exercises')]);
	const names = Object.fromEntries(lib.exercises.map((e) => [e.id, e.name]));
	const t = p.selftests;
	const moving = p.exercises.filter((e) => e.level > 0 || e.fine_in_a_row > 0 || e.unlocked);
	const out = h('div', { 'aria-live': 'polite' });

	const phases = h('ol', { class: 'phases' }, p.phases.map((ph, i) =>
		h('li', { class: i + 1 === p.phase_number ? 'now' : i + 1 < p.phase_number ? 'done' : null, 'aria-current': i + 1 === p.phase_number ? 'step' : null },
			h('span', { class: 'ph-name', text: ph.title[0].toUpperCase() + ph.title.slice(1) }),
			h('span', { class: 'meta', text: ph.weeks ? ' ' + plural(ph.weeks, 'week', 'weeks') + ' or more' : ' from then on' }))));

	const phaseSel = h('select', { id: 'start-at' }, p.phases.map((ph, i) =>
		h('option', { value: ph.name, selected: i + 1 === p.phase_number, text: (i + 1) + '. ' + ph.title })));
	const startBtn = h('button', { type: 'submit', text: 'Start here today' });
	const startForm = h('form', { class: 'row' }, h('label', { for: 'start-at', text: 'Start the program at' }), phaseSel, startBtn);
	const resetBtn = h('button', { type: 'button', class: 'quiet', text: 'Start again from the beginning…' });
	const confirmBox = h('div', { class: 'note', hidden: true, role: 'group', 'aria-label': 'Start again?' },
		h('p', { text: 'This starts the program again today, at breathing. Your history and self-tests are kept.' }),
		h('div', { class: 'actions' },
			h('button', { type: 'button', class: 'primary', id: 'reset-yes', text: 'Yes, start again' }),
			h('button', { type: 'button', id: 'reset-no', text: 'Cancel' })));

	page('Program',
		h('p', { class: 'lead' }, h('strong', { text: `Week ${p.week}: the ${p.phase_title} phase` }),
			` (${p.phase_number} of ${p.phases.length}` + (p.phase_weeks ? `, its week ${p.phase_week} of ${p.phase_weeks} at least)` : `, week ${p.phase_week} of it)`)),
		h('p', { class: 'why', text: p.why }),
		h('p', { class: 'meta', text: `Last 7 days: ${plural(p.last_7_days.active_days, 'active day', 'active days')}, ${plural(p.last_7_days.red_answers, 'sharp or nerve-like answer', 'sharp or nerve-like answers')}. Next review: ${p.next_review}.` }),
		phases,
		h('p', { class: 'meta', text: `Each week the program moves on when the phase’s weeks are up and the week held ${LIMITS.program.active_days} active days, no rise in pain and no sharp or nerve-like answer. It steps back a phase when pain rose by ${LIMITS.program.pain_rise} or more, after ${LIMITS.program.red_answers} such answers, or after ${LIMITS.program.away_days} days away. Otherwise it holds.` }),
		h('section', {}, h('h2', { text: 'Self-tests' }),
			h('p', {}, t.partial ? h('strong', { class: 'partial', text: `The set begun ${t.next_due} is partial: ${plural(t.pending.length, 'test', 'tests')} still to do` }) :
				t.due ? h('strong', { text: 'Due now' }) : 'Next due on ' + t.next_due,
				'. Four short measurements, about five minutes in all, every two weeks. A set counts when all four are done. They measure; they are not exercises.'),
			h('p', {}, h('a', { class: 'button' + (t.due ? ' primary' : ''), href: '#/selftest', text: t.partial ? 'Finish the self-tests' : 'Take the self-tests' })),
			t.tests.map((x) => trend(x, t.weakest === x.test, t.partial && t.pending.includes(x.test)))),
		h('section', {}, h('h2', { text: 'What unlocks next' }),
			moving.length ? h('ul', { class: 'unlocks' }, moving.map((e) => h('li', {},
				h('a', { href: '#/library/' + e.id, text: names[e.id] || e.id }),
				h('span', { class: 'meta', text: ` level ${e.level} of ${e.levels}` }),
				e.next ? h('span', { text: ': ' + e.next }) : null))) :
				h('p', { text: 'Nothing yet: each exercise starts at its least dose, and climbs a level for every two sessions in a row rated fine.' })),
		h('section', {}, h('h2', { text: 'Start somewhere else' }),
			h('p', { class: 'meta', text: 'For someone already training: start today at a later phase. Your history is kept.' }),
			startForm, h('p', {}, resetBtn), confirmBox, out));

	async function restart(body, what) {
		try {
			await api('program', body);
			await pageProgram();
			say(what);
			main.focus({ preventScroll: true });
		} catch (err) { out.replaceChildren(errorBox(err)); }
	}
	startForm.addEventListener('submit', (e) => {
		e.preventDefault();
		restart({ start_at: phaseSel.value }, 'The program starts again today, at the ' + phaseSel.selectedOptions[0].text.replace(/^\d+\. /, '') + ' phase.');
	});
	resetBtn.addEventListener('click', () => {
		confirmBox.hidden = false;
		confirmBox.querySelector('#reset-no').focus();
	});
	confirmBox.querySelector('#reset-no').addEventListener('click', () => {
		confirmBox.hidden = true;
		resetBtn.focus();
	});
	confirmBox.querySelector('#reset-yes').addEventListener('click', () =>
		restart({ reset: true }, 'The program starts again today, at breathing.'));
}

/* One question as the core defines it: radios for yes/no or a choice, a number with its unit. */
function answerInput(q) {
	const name = q.name;
	const text = q.text.replace(/\s*\((yes\/no|yes\/partly\/no|[a-z]+(\/[a-z]+)+)\)$/, '');
	if (q.answer !== 'number') {
		const opts = q.answer === 'choice' ? q.choices : q.answer === 'yes-no' ? ['yes', 'no'] : ['yes', 'partly', 'no'];
		return h('fieldset', { class: 'question', 'data-name': name },
			h('legend', { text }),
			opts.map((o, i) => h('label', {}, h('input', { type: 'radio', name, value: o, required: i === 0 && !q.optional }), ' ' + o[0].toUpperCase() + o.slice(1))));
	}
	const id = 'st-' + name;
	return h('div', { class: 'question number', 'data-name': name },
		h('label', { for: id, text }),
		h('div', { class: 'row' },
			h('input', { type: 'number', id, name, min: q.min, max: q.max, step: 1, inputmode: 'numeric', required: !q.optional, 'aria-describedby': q.unit ? id + '-unit' : null }),
			q.unit ? h('span', { id: id + '-unit', text: q.unit }) : null));
}

/*
 * The self-tests one by one: those the set still needs (all four when a
 * new set is due), as GET /api/program lists them, in the order of GET
 * /api/selftest. The round's ids are kept for its pages.
 */
async function pageSelftest(arg) {
	const [all, prog] = await Promise.all([api('selftest'), api('program')]);
	let k = Math.max(0, parseInt(arg, 10) || 0);
	let round = JSON.parse(sessionStorage.getItem('midback.selftest.round') || 'null');
	const kept = JSON.parse(sessionStorage.getItem('midback.selftest') || '[]');
	if (k === 0 || !Array.isArray(round)) {
		round = all.tests.filter((d) => prog.selftests.pending.includes(d.id)).map((d) => d.id);
		sessionStorage.setItem('midback.selftest.round', JSON.stringify(round));
		kept.length = 0;
		k = 0;
	}
	const defs = round.map((id) => all.tests.find((d) => d.id === id)).filter(Boolean);
	k = Math.min(k, defs.length);

	if (k >= defs.length) {
		sessionStorage.removeItem('midback.selftest');
		sessionStorage.removeItem('midback.selftest.round');
		const t = prog.selftests;
		page('Self-tests',
			h('p', { class: 'ok', role: 'status', text: kept.length ? `${plural(kept.length, 'self-test', 'self-tests')} kept.` : 'No self-test kept this time.' }),
			kept.length ? h('ul', {}, kept.map((x) => h('li', {}, h('strong', { text: x.name }), ': ' + x.text))) : null,
			t.partial ? h('p', { class: 'partial', text: `The set is partial: ${t.pending.map((id) => all.tests.find((d) => d.id === id).name).join(', ')} still to do. They are asked next time.` }) :
				h('p', { text: 'The set is whole: all four done. The program page shows how they change; the weakest gets more of each day’s plan.' }),
			h('p', {}, h('a', { class: 'button primary', href: '#/program', text: 'See the trend' })));
		return;
	}
	const d = defs[k];
	const out = h('div', { 'aria-live': 'polite' });
	const qs = d.questions.map((q) => answerInput(q));
	const form = h('form', { class: 'selftest', novalidate: true },
		h('p', { class: 'measures', text: `It measures ${d.measures}.` }),
		h('ol', { class: 'steps' }, d.steps.map((st) => h('li', { text: st }))),
		h('p', { class: 'advice', text: 'Go only as far as is comfortable. Stop if anything gives sharp pain, tingling, burning or numbness.' }),
		qs,
		h('div', { class: 'actions' },
			h('button', { type: 'submit', class: 'primary', text: k + 1 < defs.length ? 'Save and go on' : 'Save and finish' }),
			h('button', { type: 'button', class: 'skip-test', text: 'Skip this test' })),
		h('p', { class: 'meta', text: `From a published test: ${d.source}. Reference: ${d.reference}.` }),
		out);
	const lib = d.figure ? await api('exercises/' + encodeURIComponent(d.figure)).catch(() => null) : null;
	page('Self-tests',
		h('p', { class: 'meta', text: `${k + 1} of ${defs.length}` + (defs.length < all.tests.length ? `, the rest of a partial set` : '') + '. They measure; they are not exercises.' }),
		h('h2', { id: 'test-name', tabindex: -1, text: d.name }),
		h('div', { class: 'exercise' }, lib ? h('figure', { class: 'test-figure' }, figure(d.figure, lib.name + ', the position for this test'), h('figcaption', { class: 'meta', text: d.figure_text })) : null, form));

	const go = () => { location.hash = '#/selftest/' + (k + 1); };
	form.querySelector('.skip-test').addEventListener('click', go);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const fd = new FormData(form);
		/* A first answer that may be left empty, left empty: the test is skipped. */
		if (d.questions[0].optional && (fd.get(d.questions[0].name) ?? '') === '')
			return go();
		const body = { test: d.id };
		for (const q of d.questions)
			if (fd.get(q.name) !== null && fd.get(q.name) !== '')
				body[q.name] = fd.get(q.name);
		try {
			const r = await api('selftest', body);
			kept.push({ name: d.name, text: r.text });
			sessionStorage.setItem('midback.selftest', JSON.stringify(kept));
			say('Kept: ' + r.text + '.');
			go();
		} catch (err) { out.replaceChildren(errorBox(err)); }
	});
	main.querySelector('#test-name').focus();
}

/* ---- check-in, settings, data ---- */

function scale(id, label, optional) {
	return h('div', { class: 'row' }, h('label', { for: id, text: label }),
		h('select', { id, name: id, required: !optional },
			h('option', { value: '', text: optional ? 'Skip' : 'Choose' }),
			[...Array(11).keys()].map((i) => h('option', { value: i, text: String(i) }))));
}

function pageCheckin() {
	const out = h('div', { 'aria-live': 'polite' });
	const form = h('form', { class: 'checkin' },
		h('p', { text: 'How does your back feel right now? 0 is none, 10 the worst you can imagine.' }),
		scale('pain', 'Pain'), scale('stiffness', 'Stiffness', true),
		h('div', { class: 'row' }, h('label', { for: 'note', text: 'Note (optional)' }), h('textarea', { id: 'note', name: 'note', rows: 2, maxlength: 500 })),
		h('button', { class: 'primary', type: 'submit', text: 'Save the check-in' }), out);
	page('Check-in', form);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const fd = new FormData(form);
		const body = { pain: parseInt(fd.get('pain'), 10) };
		if (fd.get('stiffness') !== '')
			body.stiffness = parseInt(fd.get('stiffness'), 10);
		if (fd.get('note'))
			body.note = fd.get('note');
		try {
			await api('checkin', body);
			form.reset();
			out.replaceChildren(h('p', { class: 'ok', role: 'status', text: 'Saved. Thank you.' }));
		} catch (err) { out.replaceChildren(errorBox(err)); }
	});
}

async function pageSettings() {
	const st = await api('settings');
	const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
	const [from, to] = st.work_hours.split('-');
	const num = (id, label, v, min, max) => h('div', { class: 'row' }, h('label', { for: id, text: label }), h('input', { id, type: 'number', min, max, value: v, required: true }));
	const angelOff = st.wall_angel_every === 'off', dailyOff = st.daily_session === 'off';
	const out = h('div', { 'aria-live': 'polite' });
	const form = h('form', { class: 'settings' },
		st.problems.length ? h('div', { class: 'error', role: 'alert' }, h('p', { text: 'The settings file has problems; the defaults are shown:' }), h('ul', {}, st.problems.map((p) => h('li', { text: p })))) : null,
		h('fieldset', { class: 'days' }, h('legend', { text: 'Work days' }),
			days.map((d) => h('label', {}, h('input', { type: 'checkbox', name: 'day', value: d, checked: st.work_days.includes(d) }), ' ' + d))),
		h('div', { class: 'row' }, h('label', { for: 'from', text: 'Work hours from' }), h('input', { id: 'from', type: 'time', value: from, required: true }),
			h('label', { for: 'to', text: 'to' }), h('input', { id: 'to', type: 'time', value: to === '24:00' ? '23:59' : to, required: true })),
		num('reset', 'Posture reset every (minutes)', st.posture_reset_every, 1, 480),
		h('div', { class: 'row' }, h('label', { for: 'angel', text: 'Wall angel every (minutes)' }), h('input', { id: 'angel', type: 'number', min: 1, max: 480, value: angelOff ? 120 : st.wall_angel_every, disabled: angelOff }),
			h('label', { class: 'inline' }, h('input', { type: 'checkbox', id: 'angel-off', checked: angelOff }), ' off')),
		h('div', { class: 'row' }, h('label', { for: 'daily', text: 'Daily session at' }), h('input', { id: 'daily', type: 'time', value: dailyOff ? '16:00' : st.daily_session, disabled: dailyOff }),
			h('label', { class: 'inline' }, h('input', { type: 'checkbox', id: 'daily-off', checked: dailyOff }), ' off')),
		num('snooze', 'Snooze (minutes)', st.snooze, 1, 120),
		h('p', { class: 'meta', text: 'Saved in ' + st.path + '; a running midback remind picks the change up.' }),
		h('button', { class: 'primary', type: 'submit', text: 'Save the settings' }), out);
	page('Reminders', form);
	const q = (id) => form.querySelector('#' + id);
	q('angel-off').addEventListener('change', (e) => { q('angel').disabled = e.target.checked; });
	q('daily-off').addEventListener('change', (e) => { q('daily').disabled = e.target.checked; });
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const body = {
			work_days: [...form.querySelectorAll('input[name=day]:checked')].map((i) => i.value),
			work_hours: q('from').value + '-' + q('to').value,
			posture_reset_every: parseInt(q('reset').value, 10),
			wall_angel_every: q('angel-off').checked ? 'off' : parseInt(q('angel').value, 10),
			daily_session: q('daily-off').checked ? 'off' : q('daily').value,
			snooze: parseInt(q('snooze').value, 10),
		};
		try {
			await api('settings', body);
			out.replaceChildren(h('p', { class: 'ok', role: 'status', text: 'Saved.' }));
		} catch (err) { out.replaceChildren(errorBox(err)); }
	});
}

function pageData() {
	const file = h('input', { type: 'file', id: 'import-file', accept: '.json,application/json' });
	const out = h('div', { 'aria-live': 'polite' });
	const go = h('button', { type: 'button', class: 'primary', text: 'Import' });
	page('Your data',
		h('section', {}, h('h2', { text: 'Export' }),
			h('p', { text: 'Everything midback has kept: sessions, breaks, check-ins, reminders.' }),
			h('p', {}, h('a', { class: 'button', href: '/api/export?format=json', download: 'midback.json', text: 'Download JSON (for import)' }), ' ',
				h('a', { class: 'button', href: '/api/export?format=csv', download: 'midback.csv', text: 'Download CSV (for a spreadsheet)' }))),
		h('section', {}, h('h2', { text: 'Import' }),
			h('p', { text: 'A JSON file from an export. What you already have is skipped.' }),
			h('div', { class: 'row' }, h('label', { for: 'import-file', text: 'File' }), file, go), out),
		h('section', {}, h('h2', { text: 'Warning signs' }), h('p', {}, h('a', { href: '#/screen', text: 'Read or answer the questions again' }))));
	go.addEventListener('click', async () => {
		if (!file.files.length)
			return out.replaceChildren(errorBox(new Error('Choose a file first.')));
		try {
			const r = await api('import', await file.files[0].text());
			out.replaceChildren(h('p', { class: 'ok', role: 'status', text: `Imported ${r.sessions.new} of ${r.sessions.of} sessions and breaks, ${r.checkins.new} of ${r.checkins.of} check-ins.` }));
		} catch (err) { out.replaceChildren(errorBox(err)); }
	});
}

/* ---- routing ---- */

let leave = null;
async function route() {
	if (leave) {
		leave();
		leave = null;
	}
	const [, name, arg] = (location.hash || '#/today').match(/^#\/([a-z]*)\/?(.*)$/) || [null, 'today', ''];
	for (const a of document.querySelectorAll('nav a'))
		a.toggleAttribute('aria-current', a.getAttribute('href') === '#/' + (name === 'selftest' ? 'program' : name));
	try {
		await loadLimits();
		switch (name) {
		case 'player': leave = pagePlayer(); break;
		case 'screen': await pageScreen(); break;
		case 'library': await pageLibrary(decodeURIComponent(arg)); break;
		case 'progress': await pageProgress(); break;
		case 'program': await pageProgram(); break;
		case 'selftest': await pageSelftest(arg); break;
		case 'checkin': pageCheckin(); break;
		case 'settings': await pageSettings(); break;
		case 'data': pageData(); break;
		case 'break': await begin({ kind: 'break' }); break;
		default: await pageToday();
		}
	} catch (e) {
		main.replaceChildren(h('h1', { text: 'Something went wrong' }), errorBox(e));
	}
	/* A page may have put the focus where it starts (a guided step). */
	if (name !== 'player' && !main.contains(document.activeElement))
		main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', route);
connect();
route();
