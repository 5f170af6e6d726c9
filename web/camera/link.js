/*
 * camera/link.js -- the one way a page talks to the camera frame
 * (/camera/frame.html). The frame runs the camera and the pose model;
 * the page hears from it only by postMessage, and only from this frame
 * on this origin. Both the player's camera panel and the rotation
 * self-test's camera box use it.
 */
import { h } from '../dom.js';

/*
 * Make the frame and listen to it: onMessage gets each message's data
 * ({ type: 'ready' } first, when the frame can take orders). The caller
 * puts .el in the page; close() stops listening and removes the frame,
 * and the camera's tracks stop with it.
 */
export function cameraFrame(onMessage) {
	const el = h('iframe', { class: 'camera-frame', src: '/camera/frame.html', title: 'Camera preview with the skeleton the model sees', allow: 'camera' });
	let ready = false;

	function listen(ev) {
		if (ev.origin !== location.origin || ev.source !== el.contentWindow)
			return;
		const m = ev.data || {};
		if (m.type === 'ready')
			ready = true;
		onMessage(m);
	}
	window.addEventListener('message', listen);

	return {
		el,
		get ready() { return ready; },
		/* Said to the frame once it is ready; before that, nothing. */
		post(msg) {
			if (ready)
				el.contentWindow.postMessage(msg, location.origin);
		},
		close() {
			window.removeEventListener('message', listen);
			el.remove();
			ready = false;
		},
	};
}
