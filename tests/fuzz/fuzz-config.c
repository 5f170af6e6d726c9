/*
 * fuzz-config.c -- libFuzzer target: the reminder settings, config.yaml.
 * Whatever the text, the settings that come out are within their ranges.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/config.h"
#include "core/diag.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct remind_config	c;
	struct diag		d = DIAG_INIT;
	char			*s;

	(void)config_parse("fuzz.yaml", (const char *)data, size, &c, &d);
	/* The settings are described (--status) whatever they are. */
	s = config_describe(&c);
	free(s);
	diag_release(&d);
	return (0);
}
