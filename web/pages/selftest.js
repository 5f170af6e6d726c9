/*
 * pages/selftest.js -- the self-tests one by one.
 */
import { api } from '../api.js';
import { h, main, page, say, errorBox, figure, plural } from '../dom.js';
import { onPhone } from '../phone.js';
import { rotationSensor } from '../sensors.js';
import { rotationCamera } from '../camera/selftest-camera.js';

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
export async function pageSelftest(arg) {
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
	/* The rotation test on a phone: its sensors measure the turn; on a
	 * computer, its camera may, when asked. */
	if (d.id === 'rotation' && onPhone)
		qs[0].before(rotationSensor(form, d.questions));
	else if (d.id === 'rotation')
		qs[0].before(rotationCamera(form, d.questions));
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
		if (form.dataset.measuredBy)
			body.measured_by = form.dataset.measuredBy;
		for (const q of d.questions)
			if (fd.get(q.name) !== null && fd.get(q.name) !== '')
				body[q.name] = fd.get(q.name);
		try {
			const r = await api('selftest', body);
			kept.push({ name: d.name, text: r.text + (r.measured_by && r.measured_by !== 'manual' ? ` (measured by the ${r.measured_by})` : '') });
			sessionStorage.setItem('midback.selftest', JSON.stringify(kept));
			say('Kept: ' + r.text + '.');
			go();
		} catch (err) { out.replaceChildren(errorBox(err)); }
	});
	main.querySelector('#test-name').focus();
}
