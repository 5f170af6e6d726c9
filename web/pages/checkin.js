/*
 * pages/checkin.js -- a check-in: pain and stiffness now, and a note.
 */
import { api } from '../api.js';
import { h, page, errorBox } from '../dom.js';

function scale(id, label, optional) {
	return h('div', { class: 'row' }, h('label', { for: id, text: label }),
		h('select', { id, name: id, required: !optional },
			h('option', { value: '', text: optional ? 'Skip' : 'Choose' }),
			[...Array(11).keys()].map((i) => h('option', { value: i, text: String(i) }))));
}

export function pageCheckin() {
	const out = h('div', { 'aria-live': 'polite' });
	const form = h('form', { class: 'checkin' },
		h('p', { text: 'How does your back feel right now? 0 is none, 10 the worst you can imagine.' }),
		scale('pain', 'Pain'), scale('stiffness', 'Stiffness', true),
		h('div', { class: 'row' }, h('label', { for: 'note', text: 'Note (optional)' }), h('textarea', { id: 'note', name: 'note', rows: 2, maxlength: 500 })),
		h('button', { class: 'primary', type: 'submit', text: 'Save the check-in' }), out);
	page('Check-in', form);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const fd = new FormData(form);
		const body = { pain: parseInt(fd.get('pain'), 10) };
		if (fd.get('stiffness') !== '')
			body.stiffness = parseInt(fd.get('stiffness'), 10);
		if (fd.get('note'))
			body.note = fd.get('note');
		try {
			await api('checkin', body);
			form.reset();
			out.replaceChildren(h('p', { class: 'ok', role: 'status', text: 'Saved. Thank you.' }));
		} catch (err) { out.replaceChildren(errorBox(err)); }
	});
}
