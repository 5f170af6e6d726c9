/*
 * pages/program.js -- the program over weeks, its phases, and the
 * self-tests' trends.
 */
import { api } from '../api.js';
import { h, s, main, page, say, errorBox, plural, dayWords, dayShort, cap } from '../dom.js';
import { LIMITS } from '../limits.js';

/* A self-test's scores over time, as a percent of its reference, oldest on the left. */
function scoreLine(test, rs) {
	const W = 220, H = 60, top = Math.max(100, ...rs.map((r) => r.score));
	const x = (i) => i * W / (rs.length - 1);
	const y = (v) => H - H * v / top;
	const path = rs.map((r, i) => (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(r.score).toFixed(1)).join(' ');
	return s('svg', { viewBox: `-30 -8 ${W + 42} ${H + 28}`, class: 'chart spark', role: 'img', 'aria-label': test.name + ', percent of the reference, oldest first: ' + rs.map((r) => dayWords(r.date, true) + ' ' + r.score + '%').join(', ') },
		s('line', { x1: 0, y1: H, x2: W, y2: H, class: 'axis' }),
		s('line', { x1: 0, y1: y(100), x2: W, y2: y(100), class: 'grid' }),
		s('text', { x: -4, y: y(100) + 4, 'text-anchor': 'end', class: 'lbl' }, '100%'),
		s('text', { x: -4, y: H + 3, 'text-anchor': 'end', class: 'lbl' }, '0'),
		s('text', { x: 0, y: H + 16, class: 'lbl' }, dayShort(rs[0].date)),
		s('text', { x: W, y: H + 16, 'text-anchor': 'end', class: 'lbl' }, dayShort(rs[rs.length - 1].date)),
		s('path', { d: path, class: 'line' }),
		rs.map((r, i) => s('circle', { cx: x(i), cy: y(r.score), r: 4, class: 'dot' })));
}

/* One test's results: each side on its own, the difference, and the score against the reference. */
function trend(test, weakest, pending) {
	const all = test.results, rs = all.filter((r) => !r.earlier), earlier = all.length - rs.length;
	const head = h('h3', { text: test.name });
	const what = h('p', { class: 'meta', text: `It measures ${test.measures}. Reference: ${test.reference} (${test.source}).` });
	const day = (d) => h('span', { class: 'nowrap', text: dayWords(d) });
	const old = earlier ? h('p', { class: 'meta', text: `${plural(earlier, 'result', 'results')} of the earlier test kept, not compared with this one.` }) : null;
	const still = pending ? h('p', { class: 'note', text: 'Still to do in this set.' }) : null;
	if (!rs.length)
		return h('section', { class: 'test', 'data-test': test.test }, head, what, h('p', { class: 'meta', text: 'Not taken yet.' }), still, old);
	const first = rs[0], last = rs[rs.length - 1];
	const change = last.score > first.score ? 'better now' : last.score < first.score ? 'less well now' : 'the same now';
	const unit = test.unit || 'of 3';
	const cols = test.sides ? ['Date', 'Left', 'Right', 'Apart', 'Score'] : ['Date', 'Result', 'Score'];
	const row = (r) => test.sides ?
		[h('td', { class: 'nowrap', text: dayShort(r.date) }), h('td', { class: 'num', text: `${r.left} ${unit}` }), h('td', { class: 'num', text: `${r.right} ${unit}` }), h('td', { class: 'num', text: String(r.difference) }), h('td', { class: 'num', text: r.score + '%' })] :
		[h('td', { class: 'nowrap', text: dayShort(r.date) }), h('td', { text: r.text }), h('td', { class: 'num', text: r.score + '%' })];
	const sides = test.sides ? h('ul', { class: 'sides' },
		['left', 'right'].map((side) => h('li', {}, h('strong', { text: side[0].toUpperCase() + side.slice(1) + ': ' }),
			rs.length > 1 ? `${first[side]} → ${last[side]} ${unit} (${first[side + '_score']}% → ${last[side + '_score']}%)` : `${last[side]} ${unit} (${last[side + '_score']}%)`)),
		h('li', {}, h('strong', { text: 'Apart: ' }), rs.length > 1 ? `${first.difference} → ${last.difference}` : String(last.difference))) : null;
	return h('section', { class: 'test', 'data-test': test.test }, head, what,
		h('p', {}, 'Latest: ', h('strong', { text: last.text }), ` (${last.score}% of the reference, `, day(last.date), ').',
			rs.length > 1 ? [' First: ' + first.text + ` (${first.score}%, `, day(first.date), `): ${change}.`] : null,
			last.measured_by && last.measured_by !== 'manual' ? ` The latest measured by the ${last.measured_by}.` : null),
		sides,
		weakest ? h('p', { class: 'note', text: 'The weakest test now, so its work gets more of each day.' }) : null,
		still,
		rs.length < 2 ? null : h('div', { class: 'trend' },
			h('table', {},
				h('caption', { class: 'sr-only', text: test.name + ', every result, newest first' }),
				h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', text: c })))),
				h('tbody', {}, rs.slice().reverse().map((r) => h('tr', {}, row(r))))),
			scoreLine(test, rs)),
		old);
}

export async function pageProgram() {
	const [p, lib] = await Promise.all([api('program'), api('exercises')]);
	const names = Object.fromEntries(lib.exercises.map((e) => [e.id, e.name]));
	const t = p.selftests;
	const moving = p.exercises.filter((e) => e.level > 0 || e.fine_in_a_row > 0 || e.unlocked);
	const out = h('div', { 'aria-live': 'polite' });

	const phases = h('ol', { class: 'phases' }, p.phases.map((ph, i) =>
		h('li', { class: i + 1 === p.phase_number ? 'now' : i + 1 < p.phase_number ? 'done' : null, 'aria-current': i + 1 === p.phase_number ? 'step' : null },
			h('span', { class: 'ph-name', text: cap(ph.title) }),
			h('span', { class: 'meta', text: ph.weeks ? ' ' + plural(ph.weeks, 'week', 'weeks') + ' or more' : ' from then on' }))));

	const phaseSel = h('select', { id: 'start-at' }, p.phases.map((ph, i) =>
		h('option', { value: ph.name, selected: i + 1 === p.phase_number, text: (i + 1) + '. ' + ph.title })));
	const startBtn = h('button', { type: 'submit', text: 'Start here today' });
	const startForm = h('form', { class: 'row' }, h('label', { for: 'start-at', text: 'Start the program at' }), phaseSel, startBtn);
	const resetBtn = h('button', { type: 'button', class: 'quiet', text: 'Start again from the beginning…' });
	const confirmBox = h('div', { class: 'note', hidden: true, role: 'group', 'aria-label': 'Start again?' },
		h('p', { text: 'This starts the program again today, at breathing. Your history and self-tests are kept.' }),
		h('div', { class: 'actions' },
			h('button', { type: 'button', class: 'primary', id: 'reset-yes', text: 'Yes, start again' }),
			h('button', { type: 'button', id: 'reset-no', text: 'Cancel' })));

	page('Program',
		h('p', { class: 'lead' }, h('strong', { text: `Week ${p.week}: the ${p.phase_title} phase` }),
			` (${p.phase_number} of ${p.phases.length}` + (p.phase_weeks ? `, its week ${p.phase_week} of ${p.phase_weeks} at least)` : `, week ${p.phase_week} of it)`)),
		h('p', { class: 'why', text: p.why }),
		h('p', { class: 'meta', text: `Last 7 days: ${plural(p.last_7_days.active_days, 'active day', 'active days')}, ${plural(p.last_7_days.red_answers, 'sharp or nerve-like answer', 'sharp or nerve-like answers')}. Next review: ${dayWords(p.next_review)}.` }),
		phases,
		h('p', { class: 'meta', text: `Each week the program moves on when the phase’s weeks are up and the week held ${LIMITS.program.active_days} active days, no rise in pain and no sharp or nerve-like answer. It steps back a phase when pain rose by ${LIMITS.program.pain_rise} or more, after ${LIMITS.program.red_answers} such answers, or after ${LIMITS.program.away_days} days away. Otherwise it holds.` }),
		h('section', {}, h('h2', { text: 'Self-tests' }),
			h('p', {}, t.partial ? h('strong', { class: 'partial', text: `The set begun ${dayWords(t.next_due)} is partial: ${plural(t.pending.length, 'test', 'tests')} still to do` }) :
				t.due ? h('strong', { text: 'Due now' }) : 'Next due on ' + dayWords(t.next_due),
				'. Four short measurements, about five minutes in all, every two weeks. A set counts when all four are done. They measure; they are not exercises.'),
			h('p', {}, h('a', { class: 'button' + (t.due ? ' primary' : ''), href: '#/selftest', text: t.partial ? 'Finish the self-tests' : 'Take the self-tests' })),
			t.tests.map((x) => trend(x, t.weakest === x.test, t.partial && t.pending.includes(x.test)))),
		h('section', {}, h('h2', { text: 'What unlocks next' }),
			moving.length ? h('ul', { class: 'unlocks' }, moving.map((e) => h('li', {},
				h('a', { href: '#/library/' + e.id, text: names[e.id] || e.id }),
				h('span', { class: 'meta', text: ` level ${e.level} of ${e.levels}` }),
				e.next ? h('span', { text: ': ' + e.next }) : null))) :
				h('p', { text: 'Nothing yet: each exercise starts at its least dose, and climbs a level for every two sessions in a row rated fine.' })),
		h('section', {}, h('h2', { text: 'Start somewhere else' }),
			h('p', { class: 'meta', text: 'For someone already training: start today at a later phase. Your history is kept.' }),
			startForm, h('p', {}, resetBtn), confirmBox, out));

	async function restart(body, what) {
		try {
			await api('program', body);
			await pageProgram();
			say(what);
			main.focus({ preventScroll: true });
		} catch (err) { out.replaceChildren(errorBox(err)); }
	}
	startForm.addEventListener('submit', (e) => {
		e.preventDefault();
		restart({ start_at: phaseSel.value }, 'The program starts again today, at the ' + phaseSel.selectedOptions[0].text.replace(/^\d+\. /, '') + ' phase.');
	});
	resetBtn.addEventListener('click', () => {
		confirmBox.hidden = false;
		confirmBox.querySelector('#reset-no').focus();
	});
	confirmBox.querySelector('#reset-no').addEventListener('click', () => {
		confirmBox.hidden = true;
		resetBtn.focus();
	});
	confirmBox.querySelector('#reset-yes').addEventListener('click', () =>
		restart({ reset: true }, 'The program starts again today, at breathing.'));
}
