/*
 * dom.js -- the small element helpers every page uses: h() for HTML,
 * s() for SVG, the page frame, the screen reader's announcements.
 */
export const main = document.getElementById('main');
const announcer = document.getElementById('announce');

export function h(tag, attrs, ...kids) {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === null || v === undefined || v === false)
			continue;
		if (k.startsWith('on'))
			el.addEventListener(k.slice(2), v);
		else if (k === 'text')
			el.textContent = v;
		else
			el.setAttribute(k, v === true ? '' : v);
	}
	for (const kid of kids.flat()) {
		if (kid === null || kid === undefined || kid === false)
			continue;
		el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
	}
	return el;
}

const SVGNS = 'http://www.w3.org/2000/svg';
export function s(tag, attrs, ...kids) {
	const el = document.createElementNS(SVGNS, tag);
	for (const [k, v] of Object.entries(attrs || {}))
		el.setAttribute(k, v);
	for (const kid of kids.flat())
		if (kid)
			el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
	return el;
}

export function say(text) {
	announcer.textContent = '';
	setTimeout(() => { announcer.textContent = text; }, 30);
}

export function page(title, ...kids) {
	document.title = title + ' · midback';
	main.replaceChildren(h('h1', { text: title }), ...kids.filter((k) => k !== null && k !== undefined && k !== false));
}

export function errorBox(err) {
	return h('p', { class: 'error', role: 'alert', text: err.message || String(err) });
}

export function clock(ms) {
	const sec = Math.max(0, Math.ceil(ms / 1000));
	return Math.floor(sec / 60) + ':' + String(sec % 60).padStart(2, '0');
}

export function figure(id, name, size) {
	/* The exercise's figure, moving (an animated SVG from the server). */
	const img = h('img', { class: 'figure', src: '/api/exercises/' + encodeURIComponent(id) + '/figure.svg', alt: 'Figure showing ' + name, width: size || 160, height: size || 160 });
	const box = h('div', { class: 'figure-slot' }, img);
	img.addEventListener('error', () => box.classList.add('empty'));
	return box;
}

/* A small still of the figure beside a name in a list: the name says it. */
export function thumb(id) {
	const img = h('img', { class: 'thumb', src: '/api/exercises/' + encodeURIComponent(id) + '/still.svg', alt: '', width: 64, height: 64, loading: 'lazy', decoding: 'async' });
	img.addEventListener('error', () => { img.hidden = true; });
	return img;
}

/* A day as the terminal writes it: "Monday 2 March" (with the year if asked). */
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export function dayWords(iso, year) {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
	if (!m)
		return iso;
	const wd = new Date(Date.UTC(+m[1], m[2] - 1, +m[3])).getUTCDay();
	return WEEKDAYS[wd] + ' ' + (+m[3]) + ' ' + MONTHS[m[2] - 1] + (year ? ' ' + m[1] : '');
}

/* A day short, for a chart's axis: "2 Mar"; its weekday short: "Mon". */
export function dayShort(iso) {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
	return m ? (+m[3]) + ' ' + MONTHS[m[2] - 1].slice(0, 3) : iso;
}
export function weekdayShort(iso) {
	return dayWords(iso).slice(0, 3);
}

/* The first letter in capitals, the rest as it is: sentence case. */
export function cap(text) {
	return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/* A CLI hint in a shared sentence ("(midback program --test)") is for the terminal. */
export function noCli(text) {
	return text.replace(/\s*\(midback [^)]*\)/g, '');
}

export function plural(n, one, many) {
	return n + ' ' + (n === 1 ? one : many);
}
