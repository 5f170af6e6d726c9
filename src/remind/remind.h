/*
 * remind.h -- the break reminder daemon, and what `midback remind` shows
 * and installs of it. The command (src/cmd-remind.c) parses, calls these
 * and prints; the schedule itself is src/core/schedule.c.
 *
 * Only daemon.c, pageout.c, notify.c, idle*.c need libsystemd, which
 * sd.h opens with dlopen(); status.c and unit.c do not load it.
 */
#ifndef MIDBACK_REMIND_H
#define MIDBACK_REMIND_H

#include <stdint.h>

#include <jansson.h>

#include "core/config.h"
#include "core/schedule.h"

/* The systemd user unit that runs the daemon. */
#define REMIND_UNIT	"midback-remind.service"

/* daemon.c */
/*
 * Run the daemon with the settings c, read from config_path (read again
 * on SIGHUP), until SIGTERM or SIGINT. It is a front end of its own, in
 * a terminal or the journal: it says what goes wrong on stderr as
 * "midback: remind: ...". Returns 0, or -1 if it could not start (said)
 * or its loop failed.
 */
int		 remind_daemon(const char *config_path,
		     const struct remind_config *c);

/* status.c */
/* What --status tells. */
struct remind_status {
	int			running;	/* a daemon runs */
	int			pid;		/* its process */
	char			idle_sources[64]; /* "x11-sync, logind" */
	int			notifications;	/* shown, not the bell */
	int			has_next;	/* something will fire */
	enum sched_kind		kind;		/* what */
	int64_t			due_ms;		/* when */
	char			reason[SCHED_REASON_LEN]; /* why */
};
/*
 * What comes next: the running daemon's own word (its state file), or,
 * with none running, what one started at now_ms with the settings c
 * would do, the person at the desk from then on.
 */
void		 remind_status(const struct remind_config *c, int64_t now_ms,
		     struct remind_status *);
/* The daemon's state file: $XDG_RUNTIME_DIR/midback/remind.json. */
char		*remind_state_path(void);
/*
 * The "pid" member of a state file's JSON object (remind.json,
 * serve.json), or 0 if it is missing or not a process id (checked before
 * it is narrowed to an int).
 */
int		 remind_state_pid(const json_t *);
/* The stored name of each kind ("posture-reset"). */
extern const char *const remind_kind_ids[SCHED_NKINDS];
/* The local UTC offset at ms in seconds, for struct sched_zone. */
long		 remind_zone_offset(void *arg, int64_t ms);

/* unit.c */
/*
 * The unit that runs this program's `remind` at login (REMIND_UNIT), or
 * NULL with *err set.
 */
char		*remind_unit_text(char **err);

#endif
