/*
 * cmd.h -- the command table and what every command shares.
 *
 * The command line is data: data/commands.yaml states every command (name,
 * usage, summary, help, operands, what it needs) and its options, and
 * tools/gen-commands.c turns it into build/gen/commands.c (cmd_table[]
 * and each command's struct cmd_option table) and build/gen/commands.h
 * (each cmd_NAME_exec) at build time. Nothing is parsed at run time.
 *
 * To add a command:
 *  1. describe it in data/commands.yaml;
 *  2. write src/cmd-NAME.c, which includes "commands.h" and defines
 *     `enum cmd_retval cmd_NAME_exec(struct cmd_ctx *, struct cmd_args *)`
 *     (its only non-static function), and add the file to the
 *     Makefile's CMDS;
 *  3. document it in docs/midback.1 and README.md, and add tests/cli/ cases.
 * Parsing, --help, the completion scripts and midback(1)'s synopsis and
 * options are all written from the table (cmd.c, gen.c): an option's arg
 * "ID" completes exercise ids, one holding "FILE" file names, and a value
 * written in the usage as "a|b|c" those words.
 */
#ifndef MIDBACK_CMD_H
#define MIDBACK_CMD_H

#include <stdio.h>

#include "core/catalog.h"
#include "core/plan.h"

/* Exit statuses: decided here, returned by main(). */
enum cmd_retval {
	CMD_OK = 0,		/* success */
	CMD_ERROR = 1,		/* something failed */
	CMD_USAGE = 2		/* the command line was wrong */
};

/* What main() sets up before a command runs, per the entry's flags. */
struct cmd_ctx {
	struct catalog	*catalog;	/* Owned by main; CMD_NEEDS_CATALOG. */
	const struct cmd_entry *entry;	/* the command being run */
};

#define CMD_NEEDS_CATALOG	0x1	/* load the catalog first */

/*
 * One option of a command, as tmux's args templates: the table is the
 * one place a command states its options, and parsing, --help and
 * completions all read it. Every option is long (--name); -h and --help
 * are added to every command.
 */
struct cmd_option {
	const char	*name;		/* without the "--" */
	int		 key;		/* what cmd_args is read by: a letter */
	const char	*arg;		/* its value's name ("N"), or NULL for
					   a flag */
	const char	*help;		/* for --help; a newline starts an
					   indented line */
};

/* The options given, by key, and the operands left. */
#define CMD_NKEYS	128
struct cmd_args {
	const char	*value[CMD_NKEYS];	/* the last value, or NULL */
	int		 count[CMD_NKEYS];	/* how often it was given */
	int		 argc;			/* the operands */
	char		**argv;
};

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* after "midback NAME " */
	const char	*summary;	/* one line for `midback --help` */
	const char	*help;		/* what it does, for NAME --help */
	const struct cmd_option *options; /* ending in a NULL name */
	int		 args_min;	/* operands it takes */
	int		 args_max;	/* -1: no limit */
	const char	*after;		/* more help after the options, or
					   NULL */
	int		 flags;
	enum cmd_retval	 (*exec)(struct cmd_ctx *, struct cmd_args *);
};

/*
 * Parse argv (argv[0] is the command's name) by e's options into *a.
 * Returns 0; 1 when --help was given (the help is printed); -1 after
 * saying what was wrong, with the usage.
 */
int		cmd_parse(const struct cmd_entry *, int argc, char **argv,
		    struct cmd_args *a);
/* Whether key was given, and its last value (NULL if none). */
int		cmd_has(const struct cmd_args *, int key);
const char	*cmd_get(const struct cmd_args *, int key);

extern const struct cmd_entry *cmd_table[];

/* Look a command up by name; NULL if there is none. */
const struct cmd_entry *cmd_find(const char *name);
/* Print "usage: midback NAME USAGE" to stderr; returns CMD_USAGE. */
enum cmd_retval	cmd_usage(const struct cmd_entry *);
/* Print the command's whole help to stdout; returns CMD_OK. */
enum cmd_retval	cmd_help(const struct cmd_entry *);
/* Print "midback: NAME: message" to stderr. */
void		cmd_warn(const struct cmd_entry *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/*
 * Parse a whole number in [lo, hi] from an option. On failure print
 * "midback: NAME: invalid WHAT 'S' (expected LO to HI)" and return -1.
 */
int		cmd_number(const struct cmd_entry *, const char *what,
		    const char *s, long lo, long hi, long *out);

/* Load the embedded catalog and the person's override files. */
struct catalog	*cmd_load_catalog(void);
/* Print every diagnostic of d to stderr, one per line. */
void		cmd_print_diag(const struct diag *);
/* The embedded catalog alone; for `check` to resolve regressions. */
struct catalog	*cmd_load_embedded(void);


/*
 * Parse --place (desk, floor or any) and --equipment (a comma list, or
 * none). On failure print what was wrong and return -1.
 */
int		cmd_parse_place(const struct cmd_entry *, const char *, int *);
int		cmd_parse_equipment(const struct cmd_entry *, const char *,
		    unsigned *);
/*
 * Plan options from the defaults and the values in a of the options of
 * group plan (data/commands.yaml): --minutes, --one, --place, --equipment
 * and --date, by their keys m, o, p, e and d.
 * Returns 0, or -1 after saying what was wrong.
 */
int		cmd_plan_args(const struct cmd_entry *,
		    const struct cmd_args *, struct plan_opts *);
struct play_guide;
/*
 * Fill g's plain, trace and voice from the options of group play
 * (data/commands.yaml): --plain, --trace and --voice, keys P, t and v.
 */
void		cmd_play_args(const struct cmd_args *, struct play_guide *);
struct remind_config;
/*
 * The reminder settings (config.yaml) into *cfg, and its path into
 * *pathp if that is not NULL (the caller frees it). Returns 0, or -1
 * after printing what is wrong with the file and, if what is not NULL,
 * "WHAT: fix 'PATH' first".
 */
int		cmd_settings(const struct cmd_entry *, const char *what,
		    char **pathp, struct remind_config *cfg);
struct coach;
/*
 * A coach for the command: ctx's catalog, the process's clock and the
 * store, opened through the coach (made, mode 0700 folders and a 0600
 * file, when create is 1; with create 0 and no store yet, coach->store is
 * NULL: there is no history to read). Close it with coach_close().
 * Returns 0, or -1 after saying what went wrong.
 */
int		cmd_coach(struct cmd_ctx *, int create, struct coach *);

/*
 * Install the systemd user unit name with text (owned: freed here; NULL
 * after a failure to make it, with cause), then enable and start it,
 * saying so (with where after the name, e.g. ": http://..."). The
 * uninstall stops, disables and removes it. Return an exit status.
 */
enum cmd_retval	cmd_unit_install(const struct cmd_entry *, const char *name,
		    char *text, char *cause, const char *where);
enum cmd_retval	cmd_unit_uninstall(const struct cmd_entry *, const char *name);

#endif
