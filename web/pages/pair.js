/*
 * pages/pair.js -- pairing a phone, on the computer: where a phone finds
 * midback (serve --lan), the certificate's fingerprint to compare with
 * what the phone's browser shows, the phones paired, and a one-time code
 * (a QR code, from POST /api/pair) good for two minutes.
 */
import { api } from '../api.js';
import { h, page, errorBox, say } from '../dom.js';

export async function pagePair() {
	const lan = await api('lan');
	if (lan.device) {
		page('Pair a phone', h('p', { text: 'Pairing is done from the computer.' }));
		return;
	}
	if (!lan.lan) {
		page('Pair a phone',
			h('p', { text: 'midback answers on this computer only. To follow the routine on a phone on the same network, stop midback and start it again with:' }),
			h('p', {}, h('code', { text: 'midback serve --lan' })),
			h('p', { class: 'meta', text: 'It then also answers over HTTPS on the network, and this page shows a code to scan.' }));
		return;
	}
	const out = h('div', { class: 'pair-code', 'aria-live': 'polite' });
	const show = h('button', { type: 'button', class: 'primary', text: 'Show a pairing code' });
	let timer = null;
	show.addEventListener('click', async () => {
		try {
			const p = await api('pair', '');
			const img = h('img', { src: 'data:image/svg+xml;base64,' + btoa(p.svg), alt: 'QR code of the pairing link', width: 260, height: 260 });
			const left = h('p', { class: 'meta' });
			let end = Date.now() + p.seconds * 1000;
			clearInterval(timer);
			const tick = () => {
				const s = Math.max(0, Math.round((end - Date.now()) / 1000));
				left.textContent = s > 0 ? `Good for ${s} more seconds, for one phone.` : 'This code has expired: show a new one.';
				if (s === 0)
					clearInterval(timer);
			};
			timer = setInterval(tick, 1000);
			tick();
			out.replaceChildren(img, left,
				h('p', {}, 'Or open on the phone: ', h('code', { class: 'link', text: p.link })));
			say('A pairing code is shown.');
		} catch (e) { out.replaceChildren(errorBox(e)); }
	});
	page('Pair a phone',
		h('p', { text: 'A phone on the same network can show the routine on the floor, play it, answer its questions and take the self-tests. Reminder settings, export and import stay here.' }),
		h('p', {}, 'midback answers the phone at ', h('code', { text: lan.url }), '.'),
		h('h2', { text: 'The certificate' }),
		h('p', { text: 'The phone’s browser warns the first time: the certificate is made by midback on this computer, not by an authority it knows. Go on only if the SHA-256 fingerprint it shows is this one:' }),
		h('p', { class: 'fingerprint', text: lan.fingerprint }),
		h('h2', { text: 'Pair' }),
		h('p', { text: 'Scan the code with the phone’s camera. Each code lets one phone in, once.' }),
		h('div', { class: 'actions' }, show), out,
		h('h2', { text: 'Paired phones' }),
		lan.devices.length ? h('ul', { class: 'devices' }, lan.devices.map((d) => h('li', { text: d }))) :
			h('p', { class: 'meta', text: 'None yet.' }),
		h('p', { class: 'meta' }, 'To unpair one: ', h('code', { text: 'midback serve --forget NAME' }), '.'));
	return () => clearInterval(timer);
}
