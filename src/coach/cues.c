/*
 * cues.c -- the words for each moment of a session.
 */
#include <stdio.h>
#include <string.h>

#include "coach/cues.h"

/* In the order of enum phase_kind. */
static const char *const phase_words[] = {
	"Get ready", "Move into position", "Hold", "Move", "Breathe in",
	"Breathe out", "Switch sides", "Rest", "Change position"
};

/* A change of position, by its enum dose_change (the phase's rep). */
static const char *const change_words[] = {
	"Change position", "Get down onto the floor", "Get up off the floor"
};

const char *
cue_phase(const struct phase *ph)
{
	if (ph->kind == PHASE_CHANGE)
		return ((unsigned)ph->rep < sizeof change_words /
		    sizeof *change_words ? change_words[ph->rep] :
		    change_words[0]);
	return ((unsigned)ph->kind < sizeof phase_words / sizeof *phase_words ?
	    phase_words[ph->kind] : "");
}

void
cue_counters(const struct phase *ph, const struct prescription *rx,
    char *buf, size_t len)
{
	size_t	used = 0;
	int	total;

	buf[0] = '\0';
	/* A change of position counts nothing (its rep is which way). */
	if (ph->kind == PHASE_CHANGE)
		return;
	if (ph->rep > 0) {
		total = rx->breaths > 0 ? rx->breaths : rx->reps;
		used += (size_t)snprintf(buf + used, len - used, "%s %d/%d",
		    rx->breaths > 0 ? "breath" : "rep", ph->rep, total);
	}
	if (rx->sets > 1 && used < len)
		used += (size_t)snprintf(buf + used, len - used, "%sset %d/%d",
		    used ? ", " : "", ph->set, rx->sets);
	if (ph->side != SIDE_NONE && used < len)
		snprintf(buf + used, len - used, "%s%s side", used ? ", " : "",
		    ph->side == SIDE_LEFT ? "left" : "right");
}

const char *
cue_speech(const struct exercise *e, const struct phase *ph, char *buf,
    size_t len)
{
	switch (ph->kind) {
	case PHASE_READY:
		snprintf(buf, len, "%s. Get ready.", e->name);
		return (buf);
	case PHASE_CHANGE:
		snprintf(buf, len, "%s, for %s: %s.", cue_phase(ph), e->name,
		    e->position);
		return (buf);
	case PHASE_SWITCH:
		return ("Switch sides.");
	case PHASE_REST:
		return ("Rest.");
	case PHASE_INHALE:
		return ("Inhale.");
	case PHASE_EXHALE:
		return ("Exhale.");
	case PHASE_HOLD:
		return ("Hold.");
	case PHASE_MOVE:
	case PHASE_REP:
		if (ph->rep > 0) {
			snprintf(buf, len, "%d.", ph->rep);
			return (buf);
		}
		return (NULL);
	}
	return (NULL);
}

const char *
cue_offer(const struct exercise *e, char *buf, size_t len)
{
	snprintf(buf, len, "Only if it has settled: try %s instead?",
	    e->name);
	return (buf);
}

const char *
cue_line(const struct exercise *e)
{
	return (e->cues.n > 0 ? e->cues.v[0] : e->why);
}
