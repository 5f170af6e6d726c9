/*
 * unit.c -- what the systemd user unit that runs the daemon at login says
 * (sys/unit.h writes it and enables it). Needs no libsystemd.
 */
#include "remind/remind.h"
#include "sys/unit.h"

char *
remind_unit_text(char **err)
{
	static const struct unit_spec	u = {
		.description = "midback desk break reminders",
		.args = "remind",
		.graphical = 1,
		.reload = 1
	};

	return (unit_text(&u, err));
}
