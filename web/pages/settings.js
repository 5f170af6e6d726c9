/*
 * pages/settings.js -- the reminders' settings.
 */
import { api } from '../api.js';
import { h, page, errorBox } from '../dom.js';

export async function pageSettings() {
	const st = await api('settings');
	const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
	const [from, to] = st.work_hours.split('-');
	const num = (id, label, v, min, max) => h('div', { class: 'row' }, h('label', { for: id, text: label }), h('input', { id, type: 'number', min, max, value: v, required: true }));
	const angelOff = st.wall_angel_every === 'off', dailyOff = st.daily_session === 'off';
	const out = h('div', { 'aria-live': 'polite' });
	const form = h('form', { class: 'settings' },
		st.problems.length ? h('div', { class: 'error', role: 'alert' }, h('p', { text: 'The settings file has problems; the defaults are shown:' }), h('ul', {}, st.problems.map((p) => h('li', { text: p })))) : null,
		h('fieldset', { class: 'days' }, h('legend', { text: 'Work days' }),
			days.map((d) => h('label', {}, h('input', { type: 'checkbox', name: 'day', value: d, checked: st.work_days.includes(d) }), ' ' + d))),
		h('div', { class: 'row' }, h('label', { for: 'from', text: 'Work hours from' }), h('input', { id: 'from', type: 'time', value: from, required: true }),
			h('label', { for: 'to', text: 'to' }), h('input', { id: 'to', type: 'time', value: to === '24:00' ? '23:59' : to, required: true })),
		num('reset', 'Posture reset every (minutes)', st.posture_reset_every, 1, 480),
		h('div', { class: 'row' }, h('label', { for: 'angel', text: 'Wall angel every (minutes)' }), h('input', { id: 'angel', type: 'number', min: 1, max: 480, value: angelOff ? 120 : st.wall_angel_every, disabled: angelOff }),
			h('label', { class: 'inline' }, h('input', { type: 'checkbox', id: 'angel-off', checked: angelOff }), ' off')),
		h('div', { class: 'row' }, h('label', { for: 'daily', text: 'Daily session at' }), h('input', { id: 'daily', type: 'time', value: dailyOff ? '16:00' : st.daily_session, disabled: dailyOff }),
			h('label', { class: 'inline' }, h('input', { type: 'checkbox', id: 'daily-off', checked: dailyOff }), ' off')),
		num('snooze', 'Snooze (minutes)', st.snooze, 1, 120),
		h('p', { class: 'meta', text: 'Saved in ' + st.path + '; a running midback remind picks the change up.' }),
		h('button', { class: 'primary', type: 'submit', text: 'Save the settings' }), out);
	page('Reminders', form);
	const q = (id) => form.querySelector('#' + id);
	q('angel-off').addEventListener('change', (e) => { q('angel').disabled = e.target.checked; });
	q('daily-off').addEventListener('change', (e) => { q('daily').disabled = e.target.checked; });
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const body = {
			work_days: [...form.querySelectorAll('input[name=day]:checked')].map((i) => i.value),
			work_hours: q('from').value + '-' + q('to').value,
			posture_reset_every: parseInt(q('reset').value, 10),
			wall_angel_every: q('angel-off').checked ? 'off' : parseInt(q('angel').value, 10),
			daily_session: q('daily-off').checked ? 'off' : q('daily').value,
			snooze: parseInt(q('snooze').value, 10),
		};
		try {
			await api('settings', body);
			out.replaceChildren(h('p', { class: 'ok', role: 'status', text: 'Saved.' }));
		} catch (err) { out.replaceChildren(errorBox(err)); }
	});
}
