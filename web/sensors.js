/*
 * sensors.js -- the seated rotation test measured by the phone itself:
 * held upright against the breastbone, the phone turns with the chest,
 * and its orientation sensors (deviceorientation's alpha, the turn about
 * the vertical) give the angle from where it started. Each turn away
 * from the middle and back is one try; the best of three each side goes
 * into the test's answers, with the left-right difference, and the
 * result is kept as measured by the phone. The manual entry stays: a
 * computer, or a phone without the sensors, types the degrees in.
 */
import { h } from './dom.js';
import { bestTurns } from './turns.js';

const CENTRE = 10;	/* degrees: nearer the middle than this is between tries */
const TRIES = 3;

/* The shortest signed turn from a to b, in degrees; left is positive. */
function turn(a, b) {
	return ((b - a + 540) % 360) - 180;
}

/*
 * A box that measures the turn and fills form's numbers for the test's
 * two questions, left and right; form.dataset.measuredBy says how they
 * were measured, "phone" or "manual".
 */
export function rotationSensor(form, questions) {
	const angle = h('p', { class: 'angle', 'aria-live': 'off', text: '–' });
	const note = h('p', { class: 'meta', role: 'status' });
	const start = h('button', { type: 'button', class: 'primary', text: 'Measure with this phone' });
	const turns = bestTurns(form, questions, 'phone', { note, stop });
	const box = h('section', { class: 'sensor', 'aria-label': 'Measure with the phone' },
		h('p', { text: 'Or let the phone measure: hold it upright against your breastbone, screen toward you, arms crossed over it. Tap the button, sit still a moment, then turn left as far as is comfortable and back to the middle, three times each way.' }),
		h('div', { class: 'actions' }, start, turns.done), angle, turns.tries, turns.diff, note);
	let zero = null, side = null, peak = 0, got = false, listening = false;

	const onTurn = (ev) => {
		if (ev.alpha === null || ev.alpha === undefined)
			return;
		got = true;
		if (zero === null) {
			zero = ev.alpha;
			note.textContent = 'Measuring. Turn left first, or right.';
		}
		const a = Math.round(turn(zero, ev.alpha));
		angle.textContent = a === 0 ? '0°' : `${Math.abs(a)}° ${a > 0 ? 'left' : 'right'}`;
		if (side === null && Math.abs(a) >= CENTRE) {
			side = a > 0 ? 'left' : 'right';
			peak = 0;
		}
		if (side !== null) {
			peak = Math.max(peak, Math.abs(a));
			if (Math.abs(a) < CENTRE) {
				const best = turns.best;
				if (best[side].length < TRIES)
					best[side].push(peak);
				side = null;
				turns.show();
				if (best.left.length === TRIES && best.right.length === TRIES)
					turns.fill();
			}
		}
	};
	function stop() {
		if (listening)
			window.removeEventListener('deviceorientation', onTurn);
		listening = false;
		start.textContent = 'Measure again';
	}
	start.addEventListener('click', async () => {
		if (!('DeviceOrientationEvent' in window)) {
			note.textContent = 'This browser gives no orientation readings: type the degrees in below.';
			return;
		}
		/* iOS asks the person first, and only from a tap. */
		if (typeof DeviceOrientationEvent.requestPermission === 'function') {
			try {
				if (await DeviceOrientationEvent.requestPermission() !== 'granted') {
					note.textContent = 'The phone did not allow its motion sensors: type the degrees in below.';
					return;
				}
			} catch (e) {
				note.textContent = 'The phone did not allow its motion sensors: type the degrees in below.';
				return;
			}
		}
		stop();
		turns.reset();
		zero = null;
		side = null;
		got = false;
		note.textContent = 'Hold still…';
		window.addEventListener('deviceorientation', onTurn);
		listening = true;
		setTimeout(() => {
			if (listening && !got)
				note.textContent = 'No readings come from this device’s sensors: type the degrees in below.';
		}, 3000);
	});
	return box;
}
