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

export function figure(id, name) {
	/* The exercise's figure, moving (an animated SVG from the server). */
	const img = h('img', { class: 'figure', src: '/api/exercises/' + encodeURIComponent(id) + '/figure.svg', alt: 'Figure showing ' + name, width: 160, height: 160 });
	const box = h('div', { class: 'figure-slot' }, img);
	img.addEventListener('error', () => box.classList.add('empty'));
	return box;
}

/* A CLI hint in a shared sentence ("(midback program --test)") is for the terminal. */
export function noCli(text) {
	return text.replace(/\s*\(midback [^)]*\)/g, '');
}

export function plural(n, one, many) {
	return n + ' ' + (n === 1 ? one : many);
}
