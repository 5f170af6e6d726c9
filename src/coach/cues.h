/*
 * cues.h -- the words for each moment of a session, for every front end:
 * what the terminal and the web page show,
 * what --plain prints and what the voice says.
 */
#ifndef MIDBACK_COACH_CUES_H
#define MIDBACK_COACH_CUES_H

#include <stddef.h>

#include "core/catalog.h"
#include "core/dose.h"

/* "Hold", "Inhale", "Switch sides", ...: the phase in one or two words. */
const char	*cue_phase(const struct phase *);
/*
 * The counters: "rep 4/10, set 2/3, left side", leaving out what does not
 * apply. rx gives the totals.
 */
void		 cue_counters(const struct phase *, const struct prescription *,
		    char *buf, size_t len);
/*
 * What to say aloud when a phase begins, or NULL for nothing: the
 * exercise's name when it starts, "switch sides", "inhale", "exhale",
 * "rest".
 */
const char	*cue_speech(const struct exercise *, const struct phase *,
		    char *buf, size_t len);
/* The exercise's one-line cue for the screen: its first cue. */
const char	*cue_line(const struct exercise *);
/*
 * After a sharp or nerve-like answer, the easier option e offered as a
 * question: only once the pain has settled. Returns buf.
 */
const char	*cue_offer(const struct exercise *e, char *buf, size_t len);

#endif
