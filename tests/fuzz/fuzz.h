/*
 * fuzz.h -- what the libFuzzer targets share: the built-in catalog.
 */
#ifndef MIDBACK_FUZZ_H
#define MIDBACK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/catalog.h"

extern const struct catalog_static	catalog_builtin[];
extern const size_t			catalog_builtin_count;

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The catalog built into the program; kept for the whole run. */
static inline struct catalog *
fuzz_builtin(void)
{
	return (catalog_from_static(catalog_builtin, catalog_builtin_count,
	    "data/exercises.yaml"));
}

#endif
