/*
 * pages/summary.js -- what a session that is over did, as the API's
 * "summary" says: each exercise with a still of its figure, how it
 * ended and how it felt, what the pain rule set aside and until when,
 * the pain before and after. The words about it (the end, a rise in
 * pain) are the coach's, passed in.
 */
import { h, thumb, dayWords } from '../dom.js';

/* The answers' names (GET /api/session) as the feel question's buttons say them. */
export const FEELS = [
	['fine', 'Fine'], ['stretch', 'A stretch'], ['discomfort', 'Mild discomfort'],
	['sharp', 'Sharp pain'], ['tingling', 'Tingling'], ['burning', 'Burning'], ['numb', 'Numbness'],
];
const FEEL_WORDS = Object.fromEntries(FEELS.map(([k, label]) => [k, 'felt: ' + label.charAt(0).toLowerCase() + label.slice(1)]));
FEEL_WORDS.none = 'not rated';
const OUTCOME_WORDS = { completed: 'done', skipped: 'skipped', stopped: 'stopped partway', pending: 'not finished' };

/* How many of its exercises a session played to the end. */
export function completed(sum) {
	return sum ? sum.items.filter((it) => it.outcome === 'completed').length : 0;
}

/* The summary's sections: what was done, what was set aside, the pain. */
export function summaryView(sum, asking) {
	const pain = (v) => v === null || v === undefined ? 'not given' : String(v);
	return h('div', { class: 'summary-box' },
		h('h2', { text: sum.kind === 'break' ? 'Your break' : 'What you did' }),
		sum.items.length ? h('ul', { class: 'done-list' }, sum.items.map((it) => h('li', { 'data-outcome': it.outcome },
			thumb(it.id),
			h('div', {},
				h('a', { href: '#/library/' + it.id, class: 'name', text: it.name }),
				it.regression ? h('span', { class: 'meta', text: ' (the easier option)' }) : null,
				h('span', { class: 'outcome' + (['sharp', 'tingling', 'burning', 'numb'].includes(it.feel) ? ' bad' : ''),
					text: OUTCOME_WORDS[it.outcome] + ', ' + FEEL_WORDS[it.feel] }))))) :
			h('p', { class: 'meta', text: 'No exercise was played to its end.' }),
		sum.asides.length ? [h('h2', { text: 'Set aside' }),
			h('ul', { class: 'aside-list' }, sum.asides.map((a) => h('li', {},
				h('strong', { text: a.name }), ', until ' + dayWords(a.until))))] : null,
		sum.kind === 'break' ? null : h('p', { class: 'pain-line' },
			h('strong', { text: 'Pain: ' }), pain(sum.pain_before) + ' before' + (asking ? '.' : ', ' + pain(sum.pain_after) + ' after.')));
}
