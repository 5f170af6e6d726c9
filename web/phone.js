/*
 * phone.js -- the page on a paired phone (serve --lan): the LAN address
 * is always HTTPS and loopback never is, so the protocol says which
 * this is, before any page runs. On a phone the page is made for the
 * floor (phone.css under body.phone), the cues are spoken by the
 * phone's own voice unless the person turned it off, and what stays on
 * the computer (reminder settings, export, import) leaves the menu.
 * Imported first by app.js, so that the player sees the voice's setting.
 */
import { api } from './api.js';

export const onPhone = location.protocol === 'https:';

if (onPhone) {
	document.body.classList.add('phone');
	if (localStorage.getItem('midback.voice') === null)
		localStorage.setItem('midback.voice', '1');
	for (const a of document.querySelectorAll('nav a[href="#/settings"], nav a[href="#/data"], nav a[href="#/pair"]'))
		a.closest('li').hidden = true;
}

/* The phone's name as the computer knows it, in the footer. */
export async function phoneName() {
	if (!onPhone)
		return;
	try {
		const me = await api('lan');
		if (me.device)
			document.querySelector('.foot').prepend(Object.assign(document.createElement('p'),
				{ className: 'meta device', textContent: 'This phone: ' + me.device }));
	} catch (e) { /* the page says so where it matters */ }
}
