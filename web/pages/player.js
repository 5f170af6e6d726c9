/*
 * pages/player.js -- the session being played: the figure, the countdown
 * and the controls; the feel question, an easier option, the end.
 */
import { api } from '../api.js';
import { h, s, main, say, clock, figure } from '../dom.js';
import { live, setState, serverNow, onState, send } from '../live.js';
import { FEELS, summaryView, completed } from './summary.js';
import { cameraPanel } from '../camera/panel.js';

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

export function pagePlayer() {
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
	const cam = cameraPanel(voice);
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
	/* The moving figure first and large; the countdown beside it. */
	const clockBox = h('div', { class: 'clock' }, ring, h('div', { class: 'readout' }, phase, counters));
	const info = h('div', { class: 'info' }, cue, where, next, aside);
	const stage = h('section', { class: 'player', 'aria-labelledby': 'ex-title' },
		h('div', { class: 'head' }, h('p', { class: 'count' }), bar), title,
		h('div', { class: 'stage' }, fig, clockBox),
		question, info, controls, help);
	/* The camera's panel: under the countdown, beside the figure, on a
	 * wide screen; after the cue on a narrow one or a phone, where its
	 * preview would push the cue down the page. Never moved while the
	 * camera is on: a frame taken out of the page stops its camera. */
	const narrow = matchMedia('(max-width: 640px)');
	const placeCamera = () => {
		if (cam.on)
			return;
		if (narrow.matches || document.body.classList.contains('phone'))
			info.after(cam.el);
		else
			clockBox.append(cam.el);
	};
	placeCamera();
	narrow.addEventListener('change', placeCamera);
	document.title = 'Playing · midback';
	main.replaceChildren(stage);

	let lastSeq = -1, lastState = '', lastEx = '', lastLeft = -1, raf = 0, lastOver = '';

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

	/*
	 * Between phases (the feel question, an offer, the end) the ring is
	 * the routine: how much of it is behind, and how many exercises.
	 */
	function showRoutine(ss) {
		const over = ss.state === 'done';
		const done = over ? completed(live.state.summary) : Math.max(0, ss.index - (ss.state === 'feel' || ss.state === 'offer' ? 0 : 1));
		const frac = over ? (ss.count ? done / ss.count : 1) : ss.frac;
		arc.setAttribute('stroke-dashoffset', String(C * (1 - Math.min(1, Math.max(0, frac)))));
		secs.replaceChildren(h('span', { class: 'of', text: done + ' of ' + ss.count }), h('span', { class: 'of-label', text: over ? 'done' : 'exercises' }));
		secs.classList.add('routine');
		breath.classList.remove('on');
	}

	function tick() {
		raf = requestAnimationFrame(tick);
		const ss = live.state && live.state.session;
		if (!ss)
			return;
		if (!ss.phase) {
			showRoutine(ss);
			return;
		}
		secs.classList.remove('routine');
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

	/* A session over and rated: its summary stays until Done puts it away. */
	function renderOver(st) {
		const key = JSON.stringify([st.summary, st.rise]);
		if (key === lastOver && !stage.isConnected && main.querySelector('.summary-box'))
			return;
		lastOver = key;
		const sum = st.summary;
		const done = h('button', { type: 'button', class: 'primary', text: 'Done' });
		done.addEventListener('click', () => api('session/close', {}).then(setState).then(() => { location.hash = '#/today'; }));
		document.title = 'Session over · midback';
		const head = sum.end === 'clinician' ? 'Please stop here' : sum.kind === 'break' ? 'Your break' : 'Your session';
		main.replaceChildren(...[h('h1', { id: 'ex-title', tabindex: '-1', text: head }),
			h('p', { class: sum.end === 'clinician' ? 'advice strong' : 'strong', text: sum.words }),
			st.rise ? h('p', { class: 'advice', role: 'alert', text: st.rise }) : null,
			summaryView(sum), cam.summary(sum),
			h('div', { class: 'actions' }, done, h('a', { class: 'button', href: '#/progress', text: 'See your progress' }))].filter(Boolean));
		done.focus();
	}

	function endTitle(sum) {
		return sum.end === 'finished' ? (sum.kind === 'break' || !sum.asides.length ? 'Well done' : 'Session over') :
			{ quit: 'Session ended early', clinician: 'Please stop here' }[sum.end] || 'Session over';
	}

	function render(st) {
		const ss = st.session;
		if (!ss) {
			cancelAnimationFrame(raf);
			raf = 0;
			keepAwake(false);
			if (st.summary && !st.taken)
				return renderOver(st);
			lastOver = '';
			main.replaceChildren(...[h('h1', { text: st.taken ? 'Taken over' : st.rise ? 'Rest today' : 'No session now' }),
				st.taken ? h('p', { class: 'note', role: 'status', text: st.taken }) : null,
				st.rise ? h('p', { class: 'advice', role: 'alert', text: st.rise }) : null,
				h('p', {}, h('a', { href: '#/today', text: 'Plan today’s routine' }))].filter(Boolean));
			return;
		}
		/* A session that begins while "no session" shows brings the player back. */
		if (!stage.isConnected) {
			main.replaceChildren(stage);
			lastOver = '';
		}
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
				fig.replaceChildren(figure(ss.exercise.id, ss.exercise.name, 440));
				lastEx = ss.exercise.id;
			}
		}
		cam.update(ss);
		next.textContent = ss.next ? 'Next: ' + ss.next.name : '';
		/* The coach's words after a pain answer: set aside until when, and what follows. */
		aside.textContent = ss.set_aside && ss.set_aside.words ? ss.set_aside.words : '';
		/* At the end the summary says what was set aside. */
		aside.hidden = !aside.textContent || ss.state === 'done';
		counters.textContent = ss.phase ? ss.phase.counters : '';
		phase.textContent = ss.paused ? 'Paused' : ss.phase ? ss.phase.label : '';
		if (ss.phase && ss.phase.seq !== lastSeq) {
			if (lastSeq !== -1)
				beep(true);
			voice.speak(ss.phase.say);
			lastSeq = ss.phase.seq;
		}
		stage.dataset.phase = ss.phase ? ss.phase.kind : ss.state;
		stage.dataset.state = ss.state;
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
				question.querySelector('button').focus({ preventScroll: true });
				question.scrollIntoView({ block: 'nearest' });
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
				renderDone(ss, st);
			else if (lastState === 'feel' || lastState === 'offer' || lastState === '')
				title.focus();
			lastState = ss.state;
		}
		if (ss.state === 'done' && !ss.exercise) {
			title.textContent = st.summary ? endTitle(st.summary) : 'Session over';
			where.textContent = cue.textContent = counters.textContent = '';
		}
		if (!raf)
			tick();
	}

	function renderDone(ss, st) {
		const words = ss.end_words || 'Session over.';
		fig.replaceChildren();
		lastEx = '';
		question.append(h('p', { class: ss.end === 'clinician' ? 'advice strong' : 'strong', role: 'status', text: words }));
		if (ss.failed)
			question.append(h('p', { class: 'error', text: 'It could not all be saved: ' + ss.failed }));
		if (st.summary)
			question.append(summaryView(st.summary, ss.ask_pain && !ss.rated));
		if (st.summary)
			question.append(cam.summary(st.summary) || '');
		if (ss.ask_pain && !ss.rated) {
			const sel = h('select', { id: 'pain-after' }, h('option', { value: '', text: 'Choose' }),
				[...Array(11).keys()].map((i) => h('option', { value: i, text: String(i) })));
			const ok = h('button', { type: 'button', class: 'primary', text: 'Save' });
			const skip = h('button', { type: 'button', text: 'Skip' });
			ok.addEventListener('click', () => sel.value !== '' && api('session/pain', { pain: parseInt(sel.value, 10) }).then(setState).catch((e) => say(e.message)));
			skip.addEventListener('click', () => api('session/close', {}).then(setState).then(() => { location.hash = '#/today'; }));
			question.append(h('div', { class: 'row pain-after' }, h('label', { for: 'pain-after', text: 'How much does your back hurt now, 0 to 10?' }), sel, ok, skip));
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
		cam.stop();
		narrow.removeEventListener('change', placeCamera);
		document.removeEventListener('keydown', keys);
		cancelAnimationFrame(raf);
		keepAwake(false);
	};
}
