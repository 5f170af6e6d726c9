/*
 * notify.h -- desktop notifications with action buttons, through the
 * org.freedesktop.Notifications service on the session bus, for the
 * reminders of `remind`.
 *
 * Everything is driven by the caller's sd-event loop: the service's
 * signals (ActionInvoked, NotificationClosed) arrive through match rules
 * and nothing polls. Errors are returned through char **cause, an
 * allocated message the caller frees (cause may be NULL). Nothing here
 * prints. When there is no notification service the caller rings a bell
 * and prints instead; this module only says so (notify_available()).
 */
#ifndef MIDBACK_NOTIFY_H
#define MIDBACK_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

struct notify;

/* One button on a notification. */
struct notify_action {
	const char	*key;		/* handed back to the callback,
					   e.g. "snooze" */
	const char	*label;		/* shown, e.g. "Snooze" */
};

/*
 * Why the callback was called: the specification's reasons for
 * NotificationClosed (1 to 4; a server may send others, passed on as they
 * are), and two of ours.
 */
#define NOTIFY_ACTION		0	/* an action was invoked */
#define NOTIFY_EXPIRED		1	/* it timed out */
#define NOTIFY_DISMISSED	2	/* the person closed it */
#define NOTIFY_CLOSED		3	/* notify_dismiss() closed it */
#define NOTIFY_UNDEFINED	4	/* the server gave no reason */
#define NOTIFY_GONE		256	/* the service left the bus */

/*
 * Called from the event loop exactly once for each notification sent:
 * with the action's key and NOTIFY_ACTION when the person chose an action,
 * or with action NULL and a reason above when the notification went away
 * without one. action is valid only during the call. The callback may call
 * notify_send() and notify_dismiss(), but not notify_close().
 */
typedef void	notify_cb(void *arg, uint32_t id, const char *action,
		    unsigned reason);

/*
 * Start watching for the replies to notifications. bus is the session bus
 * to use (it is attached to ev if it is attached to no loop yet), or NULL
 * to open one (sd_bus_open_user(): $DBUS_SESSION_BUS_ADDRESS, else
 * $XDG_RUNTIME_DIR/bus). Only signals sent by the service that accepted a
 * notification are believed: any program on the bus can send a forged
 * ActionInvoked, and such signals are ignored. Returns NULL with *cause set
 * if there is no session bus; a bus with no notification service is not an
 * error (see notify_available()).
 */
struct notify	*notify_open(sd_event *ev, sd_bus *bus, notify_cb *cb,
		    void *arg, char **cause);

/*
 * Whether a notification service is there: one owns
 * org.freedesktop.Notifications, or the bus can start one. Asked once, at
 * notify_open(); after that the bus's NameOwnerChanged signal keeps the
 * answer current, so it costs nothing to call.
 */
int		 notify_available(struct notify *);

/*
 * Show a notification from "midback" with urgency normal, the icon
 * "appointment-soon" (from the freedesktop icon naming specification; a
 * server that lacks it shows none) and the buttons actions[0..n-1]. It
 * never expires by itself (expire_timeout 0): a reminder that is missed
 * while the person looks elsewhere should still be there when they look
 * back; the caller closes it with notify_dismiss() when it no longer
 * matters. (Some servers, GNOME Shell among them, apply their own timeout
 * anyway; the callback then fires with NOTIFY_EXPIRED or NOTIFY_DISMISSED.)
 * summary is plain text; body is plain text too, escaped here if the
 * server reads markup. A server that cannot show actions shows the text
 * alone (see notify_actions()).
 *
 * On entry *id is 0, or the id of a notification of ours still showing,
 * which the new one then replaces in place (its callback is not called for
 * the replaced one). On return *id holds the notification's id.
 *
 * The call waits for the service's answer, at most 5 seconds; a service
 * that the bus starts on demand usually answers well within that. Returns
 * 0, or -1 with *cause set.
 */
int		 notify_send(struct notify *, const char *summary,
		    const char *body, const struct notify_action *actions,
		    size_t na, uint32_t *id, char **cause);

/*
 * Close notification id (CloseNotification). Its callback still fires,
 * with NOTIFY_CLOSED, once the server has closed it. Returns 0, or -1 with
 * *cause set.
 */
int		 notify_dismiss(struct notify *, uint32_t id, char **cause);

/*
 * Whether the server shows action buttons (its "actions" capability).
 * Asks the server the first time (which may start it). Returns 1, 0, or 0
 * also when there is no server.
 */
int		 notify_actions(struct notify *);

/*
 * Stop watching and free everything; the notifications still showing stay
 * on the screen, but their buttons then reach no one. Closes the bus if
 * notify_open() opened it. Accepts NULL.
 */
void		 notify_close(struct notify *);

#endif
