/*
 * catalog-fixture.h -- the group set-up several unit tests share: the
 * built-in catalog, parsed from data/exercises.yaml as the test binary
 * embeds it, in `cat`. Include it once, from the test's one file, and
 * run the group with catalog_setup and catalog_teardown.
 */
#ifndef MIDBACK_CATALOG_FIXTURE_H
#define MIDBACK_CATALOG_FIXTURE_H

#include <stdio.h>

#include "core/catalog.h"
#include "core/diag.h"

extern const char	midback_exercises_yaml[];
extern const size_t	midback_exercises_yaml_len;

static struct catalog	*cat;

static int
catalog_setup(void **state)
{
	struct diag	d = DIAG_INIT;

	(void)state;
	cat = catalog_parse("data/exercises.yaml", midback_exercises_yaml,
	    midback_exercises_yaml_len, NULL, &d);
	if (cat == NULL && d.n > 0)
		fprintf(stderr, "%s\n", d.msgs[0]);
	diag_release(&d);
	return (cat == NULL ? -1 : 0);
}

static int
catalog_teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	cat = NULL;
	return (0);
}

#endif
