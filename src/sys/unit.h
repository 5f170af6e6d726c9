/*
 * unit.h -- systemd user units: where they go, writing one, and running
 * `systemctl --user`. Needs no libsystemd. `remind` and `serve` each
 * install one (their text is theirs: src/remind/unit.c, src/web/unit.c).
 */
#ifndef MIDBACK_SYS_UNIT_H
#define MIDBACK_SYS_UNIT_H

/* What a unit says; unit_text() writes the rest. */
struct unit_spec {
	const char	*description;
	const char	*args;		/* ExecStart: this program, then
					   these arguments */
	int		 graphical;	/* part of the graphical session,
					   started with it; else wanted by
					   default.target */
	int		 reload;	/* ExecReload sends SIGHUP */
};

/*
 * The text of a unit that runs this program (paths_self()) as u says; NULL
 * with *err set when the program cannot be found. The caller frees it.
 */
char	*unit_text(const struct unit_spec *u, char **err);
/*
 * $XDG_CONFIG_HOME/systemd/user/NAME; NULL with *err set when there is no
 * home folder.
 */
char	*unit_path(const char *name, char **err);
/*
 * Write text as the unit NAME (its folders made), replacing any. Returns
 * 0 with the path in *pathp (the caller frees it), or -1 with *err set.
 */
int	 unit_write(const char *name, const char *text, char **pathp,
	    char **err);
/*
 * Run `systemctl --user A [B [C]]` and wait; its exit status, or -1 if
 * it could not run.
 */
int	 unit_systemctl(const char *a, const char *b, const char *c);

#endif
