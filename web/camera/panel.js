/*
 * camera/panel.js -- the camera mode beside the player's figure: off
 * until the person turns it on, and off again each time the page opens.
 * The camera, the pose model and the preview run in their own frame
 * (/camera/frame.html, the one page whose CSP lets WebAssembly compile);
 * it sends this panel only what it found -- a rep counted, seconds held,
 * a form flag -- and this panel posts those to the session
 * (POST /api/session/event, event "camera"). No frame leaves the page.
 */
import { api } from '../api.js';
import { h, say } from '../dom.js';
import { setState } from '../live.js';

const SUMMARY_WHAT = { chin: 'chin forward', 'low-back': 'low back lifting',
	hips: 'hips turning', shrug: 'shoulders shrugging' };

function mark(what, value) {
	return api('session/event', { event: 'camera', camera: { what, value } })
		.then(setState).catch((e) => say(e.message));
}

export function cameraPanel(voice) {
	const button = h('button', { type: 'button', class: 'camera-toggle', 'aria-pressed': 'false', text: 'Camera: count my reps' });
	const status = h('p', { class: 'camera-status', role: 'status' });
	const count = h('p', { class: 'camera-count', 'aria-live': 'polite' });
	const flag = h('p', { class: 'camera-flag advice', role: 'status', hidden: true });
	const note = h('p', { class: 'camera-note', text: 'The pictures stay in this page; only the counts and form notes are saved.' });
	const el = h('div', { class: 'camera', hidden: true }, button, status, count, flag, note);
	let frame = null, ready = false, exercise = null, sent = null, planned = '', held = 0, heldSent = 0;

	api('camera').then((c) => {
		el.hidden = false;
		if (!c.available) {
			button.disabled = true;
			status.textContent = 'The camera mode is not installed here.';
		}
	}).catch(() => {});

	function post(msg) {
		if (frame && ready)
			frame.contentWindow.postMessage(msg, location.origin);
	}

	async function sendExercise() {
		if (!exercise || !ready)
			return;
		const id = exercise;
		try {
			const [doc, poses] = await Promise.all([api('exercises/' + encodeURIComponent(id)),
				api('exercises/' + encodeURIComponent(id) + '/poses')]);
			if (id === exercise)
				post({ type: 'exercise', doc, poses });
		} catch (e) {
			post({ type: 'exercise', doc: null, poses: null });
			status.textContent = 'No figure to compare with for this exercise.';
		}
	}

	function onMessage(ev) {
		if (ev.origin !== location.origin || !frame || ev.source !== frame.contentWindow)
			return;
		const m = ev.data || {};
		switch (m.type) {
		case 'ready':
			ready = true;
			status.textContent = 'Camera on. Stand where the figure’s camera would see you.';
			sendExercise();
			break;
		case 'status':
			status.textContent = m.text;
			break;
		case 'plan':
			count.textContent = m.counts ? 'Counted 0' + planned : m.hold ? 'Timing the hold' : 'Watching your form';
			break;
		case 'rep':
			count.textContent = 'Counted ' + m.count + planned;
			if (m.exercise === exercise)
				mark('reps', m.count);
			break;
		case 'hold':
			held = m.seconds;
			count.textContent = 'Held ' + held + ' s';
			if (m.exercise === exercise && held - heldSent >= 5) {
				heldSent = held;
				mark('hold', held);
			}
			break;
		case 'flag':
			flag.textContent = m.text;
			flag.hidden = false;
			if (voice)
				voice.speak(m.text);
			say(m.text);
			if (m.exercise === exercise)
				mark(m.flag, 1);
			break;
		}
	}

	function start() {
		window.addEventListener('message', onMessage);
		frame = h('iframe', { class: 'camera-frame', src: '/camera/frame.html', title: 'Camera preview with the skeleton the model sees', allow: 'camera' });
		el.insertBefore(frame, status);
		status.textContent = 'Starting the camera…';
		button.setAttribute('aria-pressed', 'true');
		button.textContent = 'Turn the camera off';
	}

	function stop() {
		if (held > heldSent && exercise)
			mark('hold', held);
		window.removeEventListener('message', onMessage);
		if (frame)
			frame.remove();	/* its tracks stop with it */
		frame = null;
		ready = false;
		held = heldSent = 0;
		button.setAttribute('aria-pressed', 'false');
		button.textContent = 'Camera: count my reps';
		status.textContent = count.textContent = '';
		flag.hidden = true;
	}

	button.addEventListener('click', () => (frame ? stop() : start()));

	return {
		el,
		/* The session's state: follow its exercise. */
		update(ss) {
			const id = ss && ss.state !== 'done' && ss.exercise ? ss.exercise.id : null;
			if (id === exercise)
				return;
			if (held > heldSent && exercise)
				mark('hold', held);
			exercise = id;
			held = heldSent = 0;
			const reps = ss && ss.exercise && ss.exercise.reps;
			planned = reps ? ' of ' + reps : '';
			flag.hidden = true;
			count.textContent = '';
			if (!id && frame)
				stop();
			else
				sendExercise();
		},
		/* At the end: what the camera saw, for the summary. */
		summary(ss) {
			const cam = ss && ss.camera;
			if (!cam || !Object.keys(cam).length)
				return null;
			return h('div', { class: 'camera-summary' }, h('h2', { text: 'What the camera saw' }),
				h('ul', {}, Object.entries(cam).map(([id, c]) => {
					const parts = [];
					if (c.reps)
						parts.push(c.reps + ' reps counted');
					if (c.hold)
						parts.push(c.hold + ' s held');
					for (const [f, n] of Object.entries(c.flags || {}))
						parts.push(SUMMARY_WHAT[f] + ' noted ' + (n === 1 ? 'once' : n + ' times'));
					return h('li', { text: id + ': ' + parts.join(', ') });
				})));
		},
		stop,
	};
}
