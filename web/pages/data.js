/*
 * pages/data.js -- export and import.
 */
import { api } from '../api.js';
import { h, page, errorBox } from '../dom.js';

export function pageData() {
	const file = h('input', { type: 'file', id: 'import-file', accept: '.json,application/json' });
	const out = h('div', { 'aria-live': 'polite' });
	const go = h('button', { type: 'button', class: 'primary', text: 'Import' });
	page('Your data',
		h('section', {}, h('h2', { text: 'Export' }),
			h('p', { text: 'Everything midback has kept: sessions, breaks, check-ins, reminders.' }),
			h('p', {}, h('a', { class: 'button', href: '/api/export?format=json', download: 'midback.json', text: 'Download JSON (for import)' }), ' ',
				h('a', { class: 'button', href: '/api/export?format=csv', download: 'midback.csv', text: 'Download CSV (for a spreadsheet)' }))),
		h('section', {}, h('h2', { text: 'Import' }),
			h('p', { text: 'A JSON file from an export. What you already have is skipped.' }),
			h('div', { class: 'row' }, h('label', { for: 'import-file', text: 'File' }), file, go), out),
		h('section', {}, h('h2', { text: 'Warning signs' }), h('p', {}, h('a', { href: '#/screen', text: 'Read or answer the questions again' }))));
	go.addEventListener('click', async () => {
		if (!file.files.length)
			return out.replaceChildren(errorBox(new Error('Choose a file first.')));
		try {
			const r = await api('import', await file.files[0].text());
			out.replaceChildren(h('p', { class: 'ok', role: 'status', text: `Imported ${r.sessions.new} of ${r.sessions.of} sessions and breaks, ${r.checkins.new} of ${r.checkins.of} check-ins.` }));
		} catch (err) { out.replaceChildren(errorBox(err)); }
	});
}
