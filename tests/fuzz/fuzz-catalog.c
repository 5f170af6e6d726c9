/*
 * fuzz-catalog.c -- libFuzzer target: catalog text, as a person's
 * exercises.d file is read (against the built-in catalog, so overrides
 * and regressions resolve as they do at run time). Any input must give a
 * catalog or diagnostics, never a crash, a leak or undefined behaviour.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/catalog.h"
#include "core/diag.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct catalog	*base;
	struct catalog		*c;
	struct diag		 d = DIAG_INIT;

	if (base == NULL)
		base = fuzz_builtin();
	c = catalog_parse("fuzz.yaml", (const char *)data, size, base, &d);
	/* Nothing is ever half-loaded: a catalog, or what was wrong. */
	if ((c == NULL) == (d.n == 0))
		abort();
	catalog_free(c);
	diag_release(&d);
	return (0);
}
