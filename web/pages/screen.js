/*
 * pages/screen.js -- the warning-signs questions, as the coach asks them.
 */
import { api } from '../api.js';
import { h, page, errorBox } from '../dom.js';
import { begin } from '../start.js';

export async function pageScreen() {
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
