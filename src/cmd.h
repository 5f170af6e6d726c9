/*
 * cmd.h -- the command table and what every command shares.
 *
 * To add a command:
 *  1. write src/cmd-NAME.c with a static exec function and one non-static
 *     `const struct cmd_entry cmd_NAME_entry`;
 *  2. declare it in cmd.c and add it to cmd_table[];
 *  3. add the file to the Makefile's SRCS;
 *  4. document it in docs/midback.1 and README.md, and add tests/cli/ cases.
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

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* after "midback NAME " */
	const char	*summary;	/* one line for `midback --help` */
	const char	*help;		/* the options, for NAME --help */
	int		 flags;
	enum cmd_retval	 (*exec)(struct cmd_ctx *, int, char **);
};

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

struct option;
/*
 * getopt_long() for a command, with our own messages: returns the next
 * option, -1 at the end, or '?' after printing "midback: NAME: unknown
 * option '--x'" or "option '--x' needs a value". shortopts must begin
 * with ':'.
 */
int		cmd_getopt(const struct cmd_entry *, int, char **,
		    const char *shortopts, const struct option *);

/*
 * Parse --place (desk, floor or any) and --equipment (a comma list, or
 * none). On failure print what was wrong and return -1.
 */
int		cmd_parse_place(const struct cmd_entry *, const char *, int *);
int		cmd_parse_equipment(const struct cmd_entry *, const char *,
		    unsigned *);
/* Fill plan options with the defaults of `today` and `start`. */
void		cmd_plan_defaults(struct plan_opts *);
/*
 * Handle one of the planning options shared by `today` and `start`:
 * 'm' --minutes, 'p' --place, 'e' --equipment, 'd' --date. Returns 0, or
 * -1 after printing what was wrong.
 */
int		cmd_plan_option(const struct cmd_entry *, int opt,
		    const char *arg, struct plan_opts *);
struct store;
struct ask;
/*
 * The red-flag screen, the first time and until it has been answered.
 * Returns 0 to go on, 1 when an answer means the person should see a
 * clinician first (said already), -1 when the store failed (said).
 */
int		cmd_red_flags(const struct cmd_entry *, struct store *,
		    struct ask *);
/*
 * Open the store into *st. If it does not exist yet and create is 0, sets
 * *st to NULL and creates nothing: there is no history to read. Returns
 * 0, or -1 after saying what went wrong.
 */
int		cmd_store_open(const struct cmd_entry *, int create,
		    struct store **st);
/*
 * Plan, for a busy day, the one exercise the person has rated best that
 * fits o (plan_one() over stats_rank() of what st holds; st may be NULL
 * when there is no history yet). o already names what is set aside.
 * Returns 0, or -1 after saying what went wrong.
 */
int		cmd_plan_one(const struct cmd_entry *, struct store *st,
		    const struct catalog *, const struct plan_opts *o,
		    struct plan *p);
/*
 * After the options: if any argument is left, say so and return -1;
 * else 0.
 */
int		cmd_no_args(const struct cmd_entry *, int argc, char **argv);

#endif
