/*
 * fuzz-routine.c -- libFuzzer target: a routine file (`start --routine`,
 * `check`), parsed against the built-in catalog.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/catalog.h"
#include "core/diag.h"
#include "core/plan.h"
#include "core/routine.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct catalog	*base;
	struct plan		 p = PLAN_INIT;
	struct diag		 d = DIAG_INIT;
	char			*name = NULL;
	int			 rc;

	if (base == NULL)
		base = fuzz_builtin();
	(void)routine_looks_like((const char *)data, size);
	rc = routine_parse("fuzz.yaml", (const char *)data, size, base, &p,
	    &name, &d);
	if ((rc == 0) == (d.n != 0))
		abort();
	plan_release(&p);
	free(name);
	diag_release(&d);
	return (0);
}
