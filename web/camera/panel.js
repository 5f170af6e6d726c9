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
import { cameraFrame } from './link.js';

const SUMMARY_WHAT = { chin: 'chin forward', 'low-back': 'low back arching',
	hips: 'hips turning', shrug: 'shoulders shrugging' };

function mark(what, value) {
	return api('session/event', { event: 'camera', camera: { what, value } })
		.then(setState).catch((e) => say(e.message));
}

/* Where to put the camera, by the figure's camera. */
const PLACE = {
	side: 'beside you, level with you', 'high-side': 'beside you, above your head height',
	front: 'in front of you', back: 'behind you',
	'three-quarter': 'in front of you and a little to one side',
	'back-three-quarter': 'behind you and a little to one side',
	top: 'above you, looking down',
};

export function cameraPanel(voice) {
	const button = h('button', { type: 'button', class: 'camera-toggle', 'aria-pressed': 'false', text: 'Camera: count my reps' });
	const status = h('p', { class: 'camera-status', role: 'status' });
	const place = h('p', { class: 'camera-status' });
	const count = h('p', { class: 'camera-count', 'aria-live': 'polite' });
	const flag = h('p', { class: 'camera-flag advice', role: 'status', hidden: true });
	const note = h('p', { class: 'camera-note', text: 'The pictures stay in this page; only the counts and form notes are saved.' });
	/* The figure at the keyframe the person is at, beside the preview. */
	const kimg = h('img', { alt: '', width: 120, height: 120 });
	const kfig = h('figure', { class: 'camera-keyframe', hidden: true }, kimg,
		h('figcaption', { text: 'The figure here' }));
	const el = h('div', { class: 'camera', hidden: true }, button, status, place, count, flag, note);
	let view = null, shownKey = '';
	let frame = null, exercise = null, planned = '', held = 0, heldSent = 0;
	let known = false, counts = false, counted = '', heldText = '';

	/* The count and the seconds held, as far as each applies. */
	function showCount() {
		count.textContent = [counted, heldText].filter(Boolean).join(' · ') ||
			(frame && frame.ready ? 'Watching your form' : '');
	}

	api('camera').then((c) => {
		known = true;
		el.hidden = !exercise;
		if (!c.available) {
			button.disabled = true;
			status.textContent = 'The camera mode is not installed here.';
		}
	}).catch(() => {});

	async function sendExercise() {
		if (!exercise || !frame || !frame.ready)
			return;
		const id = exercise;
		try {
			const [doc, poses] = await Promise.all([api('exercises/' + encodeURIComponent(id)),
				api('exercises/' + encodeURIComponent(id) + '/poses')]);
			if (id === exercise) {
				frame?.post({ type: 'exercise', doc, poses });
				place.textContent = 'Place the camera ' + (PLACE[poses.camera] || 'where it sees all of you') + ', so it sees you as the figure is seen.';
			}
		} catch (e) {
			frame?.post({ type: 'exercise', doc: null, poses: null });
			status.textContent = 'No figure to compare with for this exercise.';
		}
	}

	function onMessage(m) {
		switch (m.type) {
		case 'ready':
			status.textContent = 'Camera on.';
			sendExercise();
			break;
		case 'status':
			status.textContent = m.text;
			break;
		case 'keyframe':
			if (m.exercise === exercise && Number.isInteger(m.k) && m.k >= 1 && m.k <= 5) {
				const key = exercise + '/' + m.k;
				if (key !== shownKey) {
					shownKey = key;
					kimg.src = '/api/exercises/' + encodeURIComponent(exercise) + '/still-' + m.k + '.svg';
					kimg.alt = 'The exercise’s figure at keyframe ' + m.k + ', to compare with the preview';
				}
				kfig.hidden = false;
			}
			break;
		case 'plan':
			counts = m.counts;
			counted = m.counts ? 'Counted 0' + planned : '';
			heldText = m.hold && !m.counts ? 'Timing the hold' : '';
			showCount();
			break;
		case 'rep':
			counted = 'Counted ' + m.count + planned;
			showCount();
			if (m.exercise === exercise)
				mark('reps', m.count);
			break;
		case 'hold':
			held = m.seconds;
			heldText = counts ? 'held ' + held + ' s in all' : 'Held ' + held + ' s';
			showCount();
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
		frame = cameraFrame(onMessage);
		view = h('div', { class: 'camera-view' }, frame.el, kfig);
		el.insertBefore(view, status);
		status.textContent = 'Starting the camera…';
		button.setAttribute('aria-pressed', 'true');
		button.textContent = 'Turn the camera off';
	}

	function stop() {
		if (held > heldSent && exercise)
			mark('hold', held);
		if (frame)
			frame.close();	/* the frame's tracks stop with it */
		if (view)
			view.remove();
		frame = view = null;
		kfig.hidden = true;
		shownKey = '';
		held = heldSent = 0;
		counted = heldText = '';
		button.setAttribute('aria-pressed', 'false');
		button.textContent = 'Camera: count my reps';
		status.textContent = place.textContent = count.textContent = '';
		flag.hidden = true;
	}

	button.addEventListener('click', () => (frame ? stop() : start()));

	return {
		el,
		/* Whether the camera is on. */
		get on() { return frame !== null; },
		/* The session's state: follow its exercise. */
		update(ss) {
			const id = ss && ss.state !== 'done' && ss.exercise ? ss.exercise.id : null;
			if (id === exercise)
				return;
			if (held > heldSent && exercise)
				mark('hold', held);
			exercise = id;
			el.hidden = !known || !id;
			held = heldSent = 0;
			counted = heldText = '';
			kfig.hidden = true;
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
					const item = (ss.items || []).find((it) => it.id === id);
					const parts = [];
					if (c.reps)
						parts.push(c.reps + ' reps counted');
					if (c.hold)
						parts.push(c.hold + ' s held');
					for (const [f, n] of Object.entries(c.flags || {}))
						parts.push(SUMMARY_WHAT[f] + ' noted ' + (n === 1 ? 'once' : n + ' times'));
					return h('li', { text: (item ? item.name : id) + ': ' + parts.join(', ') });
				})));
		},
		stop,
	};
}
