/*
 * pages/progress.js -- streaks, active days, minutes and pain by week,
 * breaks, what feels best, what is set aside.
 */
import { api } from '../api.js';
import { h, s, page, thumb, dayWords, dayShort, weekdayShort } from '../dom.js';
import { LIMITS } from '../limits.js';

/* Minutes a week, each bar under the first day of its week. */
function barChart(weeks) {
	const W = 320, H = 130, top = 16, max = Math.max(10, ...weeks.map((w) => w.minutes));
	const bw = W / weeks.length;
	return s('svg', { viewBox: `0 ${-top} ${W} ${H + top + 20}`, class: 'chart', role: 'img', 'aria-labelledby': 'mw-t' },
		s('title', { id: 'mw-t' }, 'Minutes per week: ' + weeks.map((w) => 'the week of ' + dayWords(w.first) + ' ' + w.minutes).join(', ')),
		s('line', { x1: 0, y1: H, x2: W, y2: H, class: 'axis' }),
		weeks.map((w, i) => {
			const bh = Math.round(H * w.minutes / max);
			return s('g', {},
				s('rect', { x: i * bw + 4, y: H - bh, width: bw - 8, height: bh, class: 'bar' }),
				w.minutes ? s('text', { x: i * bw + bw / 2, y: H - bh - 4, 'text-anchor': 'middle', class: 'val' }, String(w.minutes)) : null,
				s('text', { x: i * bw + bw / 2, y: H + 14, 'text-anchor': 'middle', class: 'lbl' }, dayShort(w.first)));
		}));
}

/* Pain, the weekly mean on 0 to 10, its scale on the left and every label inside the picture. */
function painChart(weeks) {
	const W = 320, H = 120, L = 22, R = 8, T = 10;
	const x = (i) => L + i * (W - L - R) / Math.max(1, weeks.length - 1);
	const y = (v) => T + H - H * v / 10;
	const pts = weeks.map((w, i) => w.pain_mean === null ? null : [x(i), y(w.pain_mean)]);
	const path = pts.filter(Boolean).map((p, i) => (i ? 'L' : 'M') + p[0].toFixed(1) + ' ' + p[1].toFixed(1)).join(' ');
	return s('svg', { viewBox: `0 0 ${W} ${T + H + 22}`, class: 'chart', role: 'img', 'aria-labelledby': 'pw-t' },
		s('title', { id: 'pw-t' }, 'Weekly pain, 0 to 10: ' + weeks.map((w) => 'the week of ' + dayWords(w.first) + ' ' + (w.pain_mean === null ? 'none' : w.pain_mean.toFixed(1))).join(', ')),
		s('line', { x1: L, y1: y(0), x2: W - R, y2: y(0), class: 'axis' }),
		[5, 10].map((v) => s('line', { x1: L, y1: y(v), x2: W - R, y2: y(v), class: 'grid' })),
		[0, 5, 10].map((v) => s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'lbl' }, String(v))),
		weeks.map((w, i) => i % 2 === weeks.length % 2 ? null : s('text', { x: x(i), y: T + H + 16, 'text-anchor': i === 0 ? 'start' : i === weeks.length - 1 ? 'end' : 'middle', class: 'lbl' }, dayShort(w.first))),
		path ? s('path', { d: path, class: 'line' }) : null,
		pts.filter(Boolean).map((p) => s('circle', { cx: p[0], cy: p[1], r: 4, class: 'dot' })));
}

/* The last five weeks, a row a week, under the weekdays of its columns. */
function calendar(days) {
	return h('div', { class: 'calendar-box' },
		h('div', { class: 'calendar week-days', 'aria-hidden': 'true' },
			days.slice(0, 7).map((d) => h('span', { class: 'wd', text: weekdayShort(d.date) }))),
		h('div', { class: 'calendar', role: 'list', 'aria-label': 'Active days, the last five weeks' },
			days.map((d) => h('span', { role: 'listitem', class: d.active ? 'day on' : 'day', title: dayWords(d.date), 'aria-label': dayWords(d.date) + (d.active ? ', active' : ', not active') }))));
}

export async function pageProgress() {
	const p = await api('progress');
	const pc = p.pain_change;
	page('Progress',
		h('div', { class: 'cards' },
			h('div', { class: 'card' }, h('p', { class: 'big', text: String(p.current_streak.days) }), h('p', { text: p.current_streak.days === 1 ? 'day in a row' : 'days in a row' })),
			h('div', { class: 'card' }, h('p', { class: 'big', text: String(p.longest_streak.days) }), h('p', { text: 'longest run' })),
			h('div', { class: 'card' }, h('p', { class: 'big', text: p.adherence.days + '/' + p.adherence.of }), h('p', { text: 'days with ' + p.adherence.minutes_needed + ' minutes' }))),
		h('section', {}, h('h2', { text: 'Active days' }), h('p', { class: 'meta', text: 'The last five weeks, a row a week, today last.' }), calendar(p.days)),
		h('section', {}, h('h2', { text: 'Minutes per week' }), barChart(p.weeks)),
		h('section', {}, h('h2', { text: 'Pain, weekly mean' }), painChart(p.weeks),
			h('p', { text: pc === null ? 'Not enough ratings yet for a trend.' : Math.abs(pc) < 0.05 ? 'No change.' : (pc < 0 ? 'Down ' : 'Up ') + Math.abs(pc).toFixed(1) + ' since the first week with ratings.' }),
			pc !== null && pc >= LIMITS.pain.rise ? h('p', { class: 'advice', text: 'Pain has gone up. If it keeps rising, or wakes you at night, see a clinician.' }) : null),
		h('section', {}, h('h2', { text: 'Breaks, last 28 days' }),
			h('p', { text: `${p.reminders_28_days.taken} taken, ${p.reminders_28_days.natural} natural, ${p.reminders_28_days.snoozed} snoozed, ${p.reminders_28_days.skipped} skipped, ${p.reminders_28_days.missed} missed` })),
		h('section', {}, h('h2', { text: 'Feels best' }),
			p.favourites.length ? h('ol', { class: 'favourites' }, p.favourites.map((f) => h('li', {}, thumb(f.id), h('a', { href: '#/library/' + f.id, text: f.name }), ` — done ${f.done} time${f.done === 1 ? '' : 's'}` + (f.good + f.fair + f.bad ? `, felt good ${f.good} of ${f.good + f.fair + f.bad}` : '')))) :
				h('p', { text: 'Nothing yet: rate how the exercises feel as you play them.' })),
		p.set_aside.length ? h('section', {}, h('h2', { text: 'Set aside by the pain rule' }),
			h('ul', {}, p.set_aside.map((a) => h('li', { text: a.name + ', back on ' + dayWords(a.back_on) })))) : null);
}
