/*
 * limits.js -- the plan options' limits and defaults, which are the
 * coach's (GET /api/limits), and the person's last choices of them.
 */
import { api } from './api.js';

/* The plan options' limits and defaults are the coach's (GET /api/limits). */
export let LIMITS = null;
export let EQUIPMENT = [];
export let prefs = null;

export async function loadLimits() {
	if (LIMITS)
		return;
	LIMITS = await api('limits');
	EQUIPMENT = LIMITS.equipment.names;
	prefs = JSON.parse(localStorage.getItem('midback.plan') || 'null') ||
		{ minutes: LIMITS.minutes.default, place: LIMITS.place.default, equipment: LIMITS.equipment.default, one: false };
}

export function planQuery() {
	const q = new URLSearchParams();
	if (prefs.one)
		q.set('one', '1');
	else
		q.set('minutes', prefs.minutes);
	q.set('place', prefs.place);
	q.set('equipment', prefs.equipment.length ? prefs.equipment.join(',') : 'none');
	return q.toString();
}
