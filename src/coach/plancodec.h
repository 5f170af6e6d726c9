/*
 * plancodec.h -- the plan as the store keeps it, so that a session can be
 * resumed: one versioned format, written and read here and nowhere else.
 * What `today --json` prints is a view for people and scripts, and may
 * change without touching this.
 *
 * Format (version 1), compact JSON:
 *   {"v":1,"date":"YYYY-MM-DD","minutes":N,"routine":NAME?,
 *    "items":[{"id":ID,"sets":N,"reps":N,"hold_s":N,"breaths":N,
 *              "per_side":BOOL,"tempo_s":N}, ...]}
 * Plans stored before the version key (by midback 0.1) had the same
 * items without tempo_s; they read as version 0.
 */
#ifndef MIDBACK_PLANCODEC_H
#define MIDBACK_PLANCODEC_H

#include "core/catalog.h"
#include "core/plan.h"

#define PLANCODEC_VERSION	1

/* Encode p; an allocated string. routine may be NULL. */
char	*plancodec_encode(const struct plan *p, long day, int minutes,
	    const char *routine);
/*
 * Decode text into p (which must be empty) against catalog c: items whose
 * exercise has left the catalog are left out, and every dose is clamped
 * to what a person can do (a stored plan may come from an imported file).
 * Returns 0, or -1 with *err set if the text is not a stored plan or
 * comes from a newer midback.
 */
int	 plancodec_decode(const struct catalog *c, const char *text,
	    struct plan *p, char **err);

#endif
