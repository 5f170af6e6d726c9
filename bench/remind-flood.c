/*
 * remind-flood.c -- send N unicast D-Bus signals to one peer, for
 * bench/remind-flood. Usage: remind-flood DESTINATION N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <systemd/sd-bus.h>

int
main(int argc, char **argv)
{
	sd_bus		*bus = NULL;
	sd_bus_message	*m;
	long	 i, n;
	int	 r;

	if (argc != 3) {
		fprintf(stderr, "usage: remind-flood DESTINATION N\n");
		return (2);
	}
	n = strtol(argv[2], NULL, 10);
	if ((r = sd_bus_open_user(&bus)) < 0) {
		fprintf(stderr, "remind-flood: bus: %s\n", strerror(-r));
		return (1);
	}
	for (i = 0; i < n; i++) {
		m = NULL;
		if ((r = sd_bus_message_new_signal(bus, &m,
		    "/org/example/Flood", "org.example.Flood", "Ping")) < 0 ||
		    (r = sd_bus_message_set_destination(m, argv[1])) < 0 ||
		    (r = sd_bus_message_append(m, "u", (unsigned)i)) < 0 ||
		    (r = sd_bus_send(bus, m, NULL)) < 0) {
			fprintf(stderr, "remind-flood: send: %s\n",
			    strerror(-r));
			return (1);
		}
		sd_bus_message_unref(m);
	}
	sd_bus_flush(bus);
	sd_bus_flush_close_unref(bus);
	return (0);
}
