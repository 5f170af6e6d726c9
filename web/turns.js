/*
 * turns.js -- what the two ways of measuring the seated rotation
 * self-test share: the tries so far each side, and the best of them put
 * into the test's two numbers with the left-right difference. The phone's
 * sensors (sensors.js) and the camera (camera/selftest-camera.js) each
 * find the turns; this keeps them and fills the form, noting how they
 * were measured. A number typed in by hand is a manual measure.
 */
import { h, say } from './dom.js';

/*
 * Keep the turns for form's two questions, left and right; by is how
 * they are measured ("phone", "camera"). stop() is the measuring box's
 * own, called when the turns are filled in; note is its status line.
 */
export function bestTurns(form, [qLeft, qRight], by, { note, stop }) {
	const tries = h('p', { class: 'tries', 'aria-live': 'polite' });
	const diff = h('p', { class: 'diff strong', 'aria-live': 'polite' });
	const done = h('button', { type: 'button', text: 'Use these turns', hidden: true });
	let best = { left: [], right: [] };

	function show() {
		const line = (k, name) => best[k].length ? `${name}: ${best[k].join('°, ')}° (best ${Math.max(...best[k])}°)` : `${name}: no turn yet`;
		tries.textContent = line('left', 'Left') + ' · ' + line('right', 'Right');
		done.hidden = !(best.left.length && best.right.length);
	}

	function fill() {
		const l = Math.min(qLeft.max, Math.max(...best.left)), r = Math.min(qRight.max, Math.max(...best.right));
		form.elements[qLeft.name].value = l;
		form.elements[qRight.name].value = r;
		form.dataset.measuredBy = by;
		diff.textContent = `Best turns: left ${l}°, right ${r}°; the difference is ${Math.abs(l - r)}°.`;
		say(diff.textContent);
		stop();
		note.textContent = 'The best turns are filled in below: save them, or measure again.';
	}

	done.addEventListener('click', fill);
	for (const name of [qLeft.name, qRight.name])
		form.elements[name]?.addEventListener('input', () => { form.dataset.measuredBy = 'manual'; });
	show();
	return {
		tries, diff, done, fill,
		/* The tries each side: { left: [degrees…], right: […] }. */
		get best() { return best; },
		set best(b) { best = b; show(); },
		/* Start again: no tries, no result shown. */
		reset() { best = { left: [], right: [] }; diff.textContent = ''; show(); },
		show,
	};
}
