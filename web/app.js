/*
 * app.js -- midback's pages: the route table (hash -> page module) and
 * start-up. Every rule is midback's own, in C: the pages ask the API
 * (docs/api.md), show what it answers, and send what the person does.
 */
import { onPhone, phoneName } from './phone.js';
import { h, main, errorBox } from './dom.js';
import { connect } from './live.js';
import { loadLimits } from './limits.js';
import { begin } from './start.js';
import { pageToday } from './pages/today.js';
import { pageScreen } from './pages/screen.js';
import { pagePlayer } from './pages/player.js';
import { pageLibrary } from './pages/library.js';
import { pageProgress } from './pages/progress.js';
import { pageProgram } from './pages/program.js';
import { pageSelftest } from './pages/selftest.js';
import { pageCheckin } from './pages/checkin.js';
import { pageSettings } from './pages/settings.js';
import { pageData } from './pages/data.js';
import { pagePair } from './pages/pair.js';

let leave = null;
/*
 * Each route is numbered. A page still fetching when another is asked
 * for may draw over it when it ends: then the page asked for last is
 * drawn again.
 */
let asked = 0, drawn = 0, drawnFirst = null;
async function route() {
	const mine = ++asked;
	if (leave) {
		leave();
		leave = null;
	}
	const [, name, arg] = (location.hash || '#/today').match(/^#\/([a-z]*)\/?(.*)$/) || [null, 'today', ''];
	for (const a of document.querySelectorAll('nav a'))
		a.toggleAttribute('aria-current', a.getAttribute('href') === '#/' + (name === 'selftest' ? 'program' : name));
	try {
		await loadLimits();
		switch (name) {
		case 'player': leave = pagePlayer(); break;
		case 'screen': await pageScreen(); break;
		case 'library': await pageLibrary(decodeURIComponent(arg)); break;
		case 'progress': await pageProgress(); break;
		case 'program': await pageProgram(); break;
		case 'selftest': await pageSelftest(arg); break;
		case 'checkin': pageCheckin(); break;
		case 'settings': await pageSettings(); break;
		case 'data': pageData(); break;
		case 'pair': leave = await pagePair(); break;
		case 'break': await begin({ kind: 'break' }); break;
		default: await pageToday();
		}
	} catch (e) {
		main.replaceChildren(h('h1', { text: 'Something went wrong' }), errorBox(e));
	}
	if (mine !== asked) {
		if (drawn === asked && main.firstChild !== drawnFirst)
			route();
		return;
	}
	drawn = mine;
	drawnFirst = main.firstChild;
	/* A page may have put the focus where it starts (a guided step). */
	if (name !== 'player' && !main.contains(document.activeElement))
		main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', route);
connect();
route();
if (onPhone)
	phoneName();
