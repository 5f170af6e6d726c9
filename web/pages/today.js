/*
 * pages/today.js -- today's plan, its options, the next-day question,
 * and the way into a session.
 */
import { api } from '../api.js';
import { h, page, errorBox, clock, noCli, thumb, dayWords, cap } from '../dom.js';
import { setState } from '../live.js';
import { LIMITS, EQUIPMENT, prefs, loadLimits, planQuery } from '../limits.js';
import { begin } from '../start.js';

export async function pageToday() {
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
			list.replaceChildren(...[
				h('p', { class: 'summary' }, plan.one ? 'Your one exercise for ' + dayWords(plan.date) : plan.items.length + ' exercises, ' + total + ' in all, for ' + dayWords(plan.date)),
				plan.program ? h('p', { class: 'program-line' }, noCli(plan.program) + ' ', h('a', { href: '#/program', text: 'The program' })) : null,
				h('ol', { class: 'items' }, plan.items.map((it) => h('li', { class: it.change_words ? 'moved' : null },
					/* A change of position, in the coach's words; its seconds are in the item's time. */
					it.change_words ? h('span', { class: 'change', text: it.change_words + ' (' + clock(it.change_s * 1000) + ')' }) : null,
					thumb(it.id),
					h('a', { href: '#/library/' + it.id, class: 'name', text: it.name }),
					h('span', { class: 'dose', text: it.dose_text }),
					h('span', { class: 'time', text: clock(it.duration_s * 1000) }),
					h('span', { class: 'stage', text: cap(it.stage_name) }))))].filter(Boolean));
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
