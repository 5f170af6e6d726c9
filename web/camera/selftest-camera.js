/*
 * camera/selftest-camera.js -- the seated rotation self-test measured by
 * the camera, on a computer: a box beside the manual entry, off until
 * the person asks (and again each time the page opens). The camera and
 * the pose model run in the camera frame (/camera/frame.html), which
 * measures the turn (rotation.js) and sends this box only the angles;
 * the best of three each side fills the test's two numbers, and the
 * result is kept as measured by the camera. No picture leaves the page.
 */
import { api } from '../api.js';
import { h } from '../dom.js';
import { bestTurns } from '../turns.js';
import { cameraFrame } from './link.js';

/*
 * A box that measures the turn and fills form's numbers for the test's
 * two questions, left and right; form.dataset.measuredBy says how they
 * were measured, "camera" or "manual".
 */
export function rotationCamera(form, questions) {
	const start = h('button', { type: 'button', class: 'primary camera-measure-toggle', 'aria-pressed': 'false', text: 'Measure with the camera' });
	/* The turn now, shown only while the camera is on. */
	const angle = h('p', { class: 'angle', 'aria-live': 'off', text: '–', hidden: true });
	const note = h('p', { class: 'meta camera-status', role: 'status' });
	const turns = bestTurns(form, questions, 'camera', { note, stop });
	const box = h('section', { class: 'sensor camera-measure', 'aria-label': 'Measure with the camera', hidden: true },
		h('p', { text: 'Or let the camera measure. Put this computer on a table in front of you with its camera at about chest height, two metres (six feet) away, so that it sees you from your head to your hips. Sit facing it, arms crossed over your chest, hips and knees pointing at the camera.' }),
		h('p', { text: 'Press the button and sit still, facing the camera, for a moment. Then turn left as far as is comfortable and back to the middle, three times, and the same to the right. Turn slowly and stay a second at the end of each turn: the camera looks about once a second.' }),
		h('p', { class: 'camera-note', text: 'The pictures stay in this page; only the two angles are saved. This measures your turn; it is not an exercise.' }),
		h('div', { class: 'actions' }, start, turns.done), angle, turns.tries, turns.diff, note);
	let frame = null;
	/* Said once, not again each picture. */
	const tell = (text) => {
		if (note.textContent !== text)
			note.textContent = text;
	};

	api('camera').then((c) => {
		box.hidden = false;
		if (!c.available) {
			start.disabled = true;
			note.textContent = 'The camera mode is not installed here: type the degrees in below.';
		}
	}).catch(() => {});

	function onMessage(m) {
		switch (m.type) {
		case 'ready':
			frame.post({ type: 'rotation', camera: 'front' });
			note.textContent = 'Camera on. Sit still facing it a moment, then turn left or right.';
			break;
		case 'status':
			tell(m.text);
			break;
		case 'turn':
			if (!m.seen)
				tell('The camera does not see your shoulders and hips: sit farther back, or tilt the screen.');
			else {
				if (m.angle !== null)
					angle.textContent = Math.abs(m.angle) < 1 ? '0°' : `${Math.abs(m.angle)}° ${m.angle > 0 ? 'left' : 'right'}`;
				tell('Measuring: turn left or right, and back to the middle.');
			}
			if (m.tried)
				turns.best = { left: m.best.left.slice(), right: m.best.right.slice() };
			if (m.done)
				turns.fill();
			break;
		}
	}

	function begin() {
		turns.reset();
		angle.textContent = '–';
		angle.hidden = false;
		frame = cameraFrame(onMessage);
		angle.before(frame.el);
		note.textContent = 'Starting the camera…';
		start.setAttribute('aria-pressed', 'true');
		start.textContent = 'Turn the camera off';
		/* Leaving the page turns the camera off. */
		window.addEventListener('hashchange', stop, { once: true });
	}

	function stop() {
		window.removeEventListener('hashchange', stop);
		if (frame)
			frame.close();	/* its tracks stop with it */
		frame = null;
		angle.hidden = true;	/* the camera is off: no turn now */
		start.setAttribute('aria-pressed', 'false');
		start.textContent = turns.best.left.length || turns.best.right.length ? 'Measure again' : 'Measure with the camera';
	}

	start.addEventListener('click', () => {
		if (frame) {
			stop();
			note.textContent = 'Camera off.';
		} else
			begin();
	});
	return box;
}
