/*
 * pages/library.js -- the exercises, filtered, and one exercise in full.
 */
import { api } from '../api.js';
import { h, page, errorBox, figure, thumb, cap } from '../dom.js';
import { EQUIPMENT, prefs } from '../limits.js';

export async function pageLibrary(id) {
	if (id)
		return pageExercise(id);
	const all = (await api('exercises')).exercises;
	const motions = [...new Set(all.flatMap((e) => e.motions))].sort();
	const places = [...new Set(all.flatMap((e) => e.places))].sort();
	const sel = (name, label, opts) => h('label', {}, label + ' ',
		h('select', { name }, h('option', { value: '', text: 'any' }), opts.map((o) => h('option', { value: o, text: o }))));
	const form = h('form', { class: 'filters', 'aria-label': 'Filters' },
		sel('motion', 'Motion', motions), sel('place', 'Place', places),
		h('fieldset', { class: 'equip' }, h('legend', { text: 'At hand' }),
			EQUIPMENT.map((e) => h('label', {}, h('input', { type: 'checkbox', name: 'equipment', value: e, checked: prefs.equipment.includes(e) }), ' ' + e))));
	const list = h('ul', { class: 'library', 'aria-live': 'polite' });
	page('Library', form, list);
	async function refresh() {
		const fd = new FormData(form);
		const q = new URLSearchParams();
		if (fd.get('motion')) q.set('motion', fd.get('motion'));
		if (fd.get('place')) q.set('place', fd.get('place'));
		/* What is at hand is the person's choice, the same as on Today. */
		prefs.equipment = fd.getAll('equipment');
		localStorage.setItem('midback.plan', JSON.stringify(prefs));
		q.set('equipment', prefs.equipment.join(',') || 'none');
		try {
			const got = (await api('exercises?' + q)).exercises;
			list.replaceChildren(...got.map((e) => h('li', {},
				thumb(e.id),
				h('div', {},
					h('a', { href: '#/library/' + e.id }, h('strong', { text: e.name })),
					h('span', { class: 'meta', text: ' ' + cap(e.dose_text) + ' · ' + (e.motions.join(', ') || e.kind) + ' · ' + e.places.join(', ') })))));
			if (!got.length)
				list.append(h('li', { text: 'Nothing fits these filters.' }));
		} catch (e) { list.replaceChildren(errorBox(e)); }
	}
	form.addEventListener('change', refresh);
	refresh();
}

async function pageExercise(id) {
	const e = await api('exercises/' + encodeURIComponent(id));
	const sect = (title, items, tag) => items && items.length ? h('section', {}, h('h2', { text: title }), h(tag || 'ul', {}, items.map((t) => h('li', { text: t })))) : null;
	let easier = null;
	if (e.regression) {
		const r = await api('exercises/' + encodeURIComponent(e.regression)).catch(() => null);
		if (r)
			easier = h('section', {}, h('h2', { text: 'Easier option' }), h('p', {}, h('a', { href: '#/library/' + r.id, text: r.name }), ': ' + r.why));
	}
	page(e.name,
		h('div', { class: 'exercise' },
			figure(e.id, e.name),
			h('div', {},
				h('p', { class: 'why', text: e.why }),
				h('p', { class: 'meta', text: 'Dose: ' + e.dose_text + '. Position: ' + e.position + '. Equipment: ' + e.equipment.join(', ') + '.' }))),
		sect('Steps', e.steps, 'ol'), sect('Cues', e.cues), sect('Cautions', e.cautions), easier,
		sect('Suits', e.suits), sect('Source', e.source_words || e.source),
		h('p', {}, h('a', { href: '#/library', text: 'Back to the library' })));
}
