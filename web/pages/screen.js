/*
 * pages/screen.js -- the warning-signs questions, as the coach asks them
 * and as the terminal groups them: a card a group, with its questions
 * listed, one answer for the group ("none of these" answers it all), and
 * each of its questions in turn after a yes. Each card says what was
 * answered. The questions, the group question, the notice and every
 * verdict's words come from GET /api/screen and POST /api/screen.
 */
import { api } from '../api.js';
import { h, page, errorBox, cap } from '../dom.js';
import { begin } from '../start.js';

let uid = 0;

/* A yes/no answer: Yes first, then No, everywhere on this page. */
function yesNo(name, legend, noText, cls) {
	const id = 'sc' + (++uid);
	return h('fieldset', { class: 'question ' + (cls || ''), 'data-name': name },
		h('legend', { id, text: legend }),
		h('div', { class: 'answers' },
			h('label', { class: 'answer' }, h('input', { type: 'radio', name, value: 'yes' }), ' Yes'),
			h('label', { class: 'answer' }, h('input', { type: 'radio', name, value: 'no' }), ' ' + (noText || 'No'))));
}

/* The questions in groups, in their order; a question with no group is a group of one. */
function groupsOf(questions) {
	const out = [];
	questions.forEach((q, i) => {
		const last = out[out.length - 1];
		if (q.group && last && last.name === q.group)
			last.idx.push(i);
		else
			out.push({ name: q.group, idx: [i] });
	});
	return out;
}

export async function pageScreen() {
	const sc = await api('screen');
	const form = h('form', { class: 'screen', novalidate: true });
	const groups = groupsOf(sc.questions);
	/* Each sign a clinician may clear has its own clearance, asked only after a yes to it. */
	const clear = [];
	const cards = groups.map((g, k) => {
		const single = g.idx.length === 1;
		const qs = g.idx.map((i) => {
			const q = sc.questions[i];
			const box = h('div', { class: 'sign' }, yesNo('q' + i, single ? q.text : q.text, null, 'sign-q'));
			if (q.clearable && sc.cleared) {
				clear[i] = yesNo('c' + i, cap(q.name) + ': ' + sc.cleared.charAt(0).toLowerCase() + sc.cleared.slice(1), null, 'clearance');
				clear[i].hidden = true;
				box.append(clear[i]);
			}
			return box;
		});
		const state = h('p', { class: 'group-state', role: 'status' });
		const card = h('section', { class: 'group-card', 'data-group': g.name || sc.questions[g.idx[0]].id, 'aria-labelledby': 'grp' + k },
			h('h2', { id: 'grp' + k, text: g.name || cap(sc.questions[g.idx[0]].name) }));
		if (single)
			card.append(...qs);
		else
			card.append(h('ul', { class: 'signs' }, g.idx.map((i) => h('li', { text: sc.questions[i].text }))),
				yesNo('g' + k, sc.any, 'No, none of these', 'group-any'),
				h('div', { class: 'group-qs', hidden: true }, h('p', { class: 'meta', text: 'Then each one:' }), qs));
		card.append(state);
		return { g, card, state, single };
	});
	const accept = yesNo('accept', sc.accept, null, 'accept');
	const out = h('div', { 'aria-live': 'polite' });
	const overall = h('p', { class: 'screen-state', role: 'status' });
	form.append(h('p', { class: 'intro', text: sc.intro }), ...cards.map((c) => c.card),
		h('section', { class: 'group-card notice-card', 'aria-label': 'Not medical advice' }, h('p', { class: 'notice', text: sc.notice }), accept),
		overall, h('button', { class: 'primary', type: 'submit', text: 'Save my answers' }), out);
	page(sc.needed ? (sc.first ? 'Before the first session' : 'Before the next session') : 'Warning signs', form);
	if (sc.needed && !sc.first && sc.why)
		form.prepend(h('p', { class: 'advice', role: 'alert', text: cap(sc.why) + '.' }));
	if (!sc.needed)
		form.prepend(h('p', { class: 'note', text: 'Your answers are saved, and nothing needs answering now. If something has changed, answer the groups again and save.' }));

	/* Each question's answer: true, false, or null while unanswered. */
	function answersNow() {
		const fd = new FormData(form);
		const a = sc.questions.map(() => null);
		cards.forEach(({ g, single }, k) => {
			const any = single ? 'yes' : fd.get('g' + k);
			for (const i of g.idx)
				a[i] = any === 'no' ? false : any === 'yes' && fd.get('q' + i) ? fd.get('q' + i) === 'yes' : null;
		});
		return { fd, a };
	}

	/* What each card says: not answered, none of these, or its yeses. */
	function update() {
		const { fd, a } = answersNow();
		let open = 0;
		cards.forEach(({ g, card, state, single }, k) => {
			const any = fd.get('g' + k);
			if (!single) {
				card.querySelector('.group-qs').hidden = any !== 'yes';
				/* Opened, its questions are asked one by one: the list goes. */
				card.classList.toggle('open', any === 'yes');
			}
			for (const i of g.idx)
				if (clear[i])
					clear[i].hidden = a[i] !== true;
			const left = g.idx.filter((i) => a[i] === null).length;
			const yes = g.idx.filter((i) => a[i] === true).map((i) => sc.questions[i].name);
			const done = !single && any === 'no' ? 'Answered: none of these.' :
				!single && !any ? 'Not answered yet.' :
				left ? `${left} of ${g.idx.length} still to answer.` + (yes.length ? ' Yes so far: ' + yes.join('; ') + '.' : '') :
				yes.length ? 'Answered. Yes: ' + yes.join('; ') + '.' : 'Answered: no to each.';
			state.textContent = done;
			card.classList.toggle('answered', left === 0);
			if (left)
				open++;
		});
		overall.textContent = open ? `${open} of ${cards.length} groups still to answer.` : fd.get('accept') ? 'Every group answered.' : 'Every group answered; the last question is still to answer.';
	}
	update();
	form.addEventListener('change', () => {
		update();
		/* "Please answer ... first" goes once an answer comes. */
		if (out.querySelector('.error'))
			out.replaceChildren();
	});

	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const { fd, a } = answersNow();
		const gap = cards.find(({ g }) => g.idx.some((i) => a[i] === null));
		if (gap || !fd.get('accept')) {
			const where = gap ? gap.card : accept;
			out.replaceChildren(h('p', { class: 'error', role: 'alert', text: gap ? 'Please answer “' + gap.card.querySelector('h2').textContent + '” first: no answer is not taken as no.' : 'Please answer the last question first.' }));
			const first = [...where.querySelectorAll('fieldset:not([hidden])')].find((f) => !f.closest('[hidden]') && !f.querySelector('input:checked'));
			(first || where).querySelector('input').focus();
			return;
		}
		const answers = a.map(Boolean);
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
