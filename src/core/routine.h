/*
 * routine.h -- routine files: a named list of exercises with fixed doses,
 * as a clinician or the person writes it, played instead of the day's plan.
 *
 *   name: Morning reset
 *   exercises:
 *     - id: open-book
 *       reps: 5
 *       hold_s: 20
 *       per_side: true
 */
#ifndef MIDBACK_ROUTINE_H
#define MIDBACK_ROUTINE_H

#include <stddef.h>

#include "catalog.h"
#include "diag.h"
#include "plan.h"

/*
 * Whether YAML text looks like a routine (a top-level `name`, or ids
 * without the keys every catalog entry has) rather than a catalog. Only
 * a cheap guess for `midback check`; parsing decides.
 */
int	routine_looks_like(const char *buf, size_t len);

/*
 * Parse and validate a routine against catalog c, into p (which must be
 * empty); *name gets the routine's name (the caller frees it). Every
 * problem goes to d as "file:line: message". Returns 0, or -1 with p left
 * empty when there was any problem.
 */
int	routine_parse(const char *file, const char *buf, size_t len,
	    const struct catalog *c, struct plan *p, char **name,
	    struct diag *d);

#endif
