/*
 * cmd.c -- parsing, usage and help by the command table (generated from
 * data/commands.yaml), and the set-up commands share.
 */
#include <getopt.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli/cmd.h"
#include "sys/unit.h"
#include "term/play.h"
#include "coach/coach.h"
#include "coach/settings.h"
#include "sys/clock.h"
#include "sys/fileio.h"
#include "sys/paths.h"
#include "core/date.h"
#include "core/plan.h"
#include "core/xmalloc.h"

/* The catalog built into the binary (tools/gen-catalog). */
extern const struct catalog_static	catalog_builtin[];
extern const size_t			catalog_builtin_count;

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry	**e;

	for (e = cmd_table; *e != NULL; e++)
		if (strcmp((*e)->name, name) == 0)
			return (*e);
	return (NULL);
}

enum cmd_retval
cmd_usage(const struct cmd_entry *e)
{
	fprintf(stderr, "usage: midback %s %s\n", e->name, e->usage);
	fprintf(stderr, "Try 'midback %s --help' for more.\n", e->name);
	return (CMD_USAGE);
}

static int	cmd_plan_option(const struct cmd_entry *, int, const char *,
		    struct plan_opts *);
static int	cmd_getopt(const struct cmd_entry *, int, char **, const char *,
		    const struct option *);

/* One option's lines of help: the name column, then the text. */
static void
help_option(const char *name, const char *arg, const char *help)
{
	char		 left[64];
	const char	*p, *nl;
	int		 first = 1;

	if (arg != NULL)
		snprintf(left, sizeof left, "--%s %s", name, arg);
	else
		snprintf(left, sizeof left, "--%s", name);
	for (p = help; ; p = nl + 1) {
		nl = strchr(p, '\n');
		printf("  %-19s%s%.*s\n", first ? left : "",
		    strlen(left) > 18 && first ? "\n                     " : "",
		    nl == NULL ? (int)strlen(p) : (int)(nl - p), p);
		first = 0;
		if (nl == NULL)
			break;
	}
}

enum cmd_retval
cmd_help(const struct cmd_entry *e)
{
	const struct cmd_option	*o;

	printf("usage: midback %s %s\n\n%s\n", e->name, e->usage, e->summary);
	if (e->help != NULL && *e->help != '\0')
		printf("\n%s", e->help);
	printf("\nOptions:\n");
	for (o = e->options; o != NULL && o->name != NULL; o++)
		help_option(o->name, o->arg, o->help);
	printf("  %-19s%s\n", "-h, --help", "show this help");
	if (e->after != NULL)
		printf("\n%s", e->after);
	return (CMD_OK);
}

int
cmd_parse(const struct cmd_entry *e, int argc, char **argv,
    struct cmd_args *a)
{
	const struct cmd_option	*o;
	struct option		*lo;
	size_t			 n = 0, i;
	int			 c, ret = -1;

	memset(a, 0, sizeof *a);
	for (o = e->options; o != NULL && o->name != NULL; o++)
		n++;
	lo = xcalloc(n + 2, sizeof *lo);
	for (i = 0; i < n; i++) {
		lo[i].name = e->options[i].name;
		lo[i].has_arg = e->options[i].arg != NULL ? required_argument :
		    no_argument;
		lo[i].val = e->options[i].key;
	}
	lo[n].name = "help";
	lo[n].val = 'h';
	optind = 0;
	while ((c = cmd_getopt(e, argc, argv, ":h", lo)) != -1) {
		if (c == 'h') {
			cmd_help(e);
			ret = 1;
			goto out;
		}
		/* cmd_getopt() has said what was wrong. */
		if (c == '?' || c <= 0 || c >= CMD_NKEYS)
			goto usage;
		a->count[c]++;
		a->value[c] = optarg;
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (a->argc < e->args_min) {
		cmd_warn(e, "too few arguments");
		goto usage;
	}
	if (e->args_max >= 0 && a->argc > e->args_max) {
		cmd_warn(e, "unexpected argument '%s'",
		    a->argv[e->args_max]);
		goto usage;
	}
	ret = 0;
	goto out;
usage:
	cmd_usage(e);
out:
	free(lo);
	return (ret);
}

int
cmd_has(const struct cmd_args *a, int key)
{
	return (key > 0 && key < CMD_NKEYS && a->count[key] > 0);
}

const char *
cmd_get(const struct cmd_args *a, int key)
{
	return (key > 0 && key < CMD_NKEYS ? a->value[key] : NULL);
}

void
cmd_warn(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	if (e != NULL)
		fprintf(stderr, "midback: %s: ", e->name);
	else
		fprintf(stderr, "midback: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cmd_number(const struct cmd_entry *e, const char *what, const char *s,
    long lo, long hi, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi) {
		cmd_warn(e, "invalid %s '%s' (expected %ld to %ld)", what, s,
		    lo, hi);
		return (-1);
	}
	*out = v;
	return (0);
}

/*
 * Say so when the folder of the store, or the store, is open to others:
 * it holds someone's pain ratings and notes. Its mode is theirs to
 * choose, so it is left as it is.
 */
static void
cmd_store_private(const struct cmd_entry *e, const char *path)
{
	struct stat	 sb;
	char		*dir, *slash;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir)
		*slash = '\0';
	if (stat(dir, &sb) == 0 && (sb.st_mode & 077) != 0)
		cmd_warn(e, "warning: others can open '%s' (mode %03o), "
		    "where your history is; 'chmod 700' it to keep it to "
		    "yourself", dir, (unsigned)(sb.st_mode & 0777));
	else if (stat(path, &sb) == 0 && (sb.st_mode & 077) != 0)
		cmd_warn(e, "warning: others can read '%s' (mode %03o), "
		    "your history; 'chmod 600' it to keep it to yourself",
		    path, (unsigned)(sb.st_mode & 0777));
	free(dir);
}

int
cmd_coach(struct cmd_ctx *ctx, int create, struct coach *c)
{
	const struct cmd_entry	*e = ctx->entry;
	char			*path, *cause = NULL;

	memset(c, 0, sizeof *c);
	c->catalog = ctx->catalog;
	c->clock = clock_process(NULL);
	c->where = "the terminal";
	if ((path = paths_db(&cause)) == NULL) {
		cmd_warn(e, "%s", cause);
		free(cause);
		return (-1);
	}
	if (!create && access(path, F_OK) != 0 && errno == ENOENT) {
		free(path);
		return (0);
	}
	if (coach_open(c, path, &cause) != 0) {
		cmd_warn(e, "%s", cause);
		free(cause);
		free(path);
		return (-1);
	}
	cmd_store_private(e, path);
	free(path);
	return (0);
}

/*
 * The settings into *cfg. Returns 0, or -1 after printing what is wrong
 * with the file, and that nothing was done about it (what).
 */
int
cmd_settings(const struct cmd_entry *e, const char *what, char **pathp,
    struct remind_config *cfg)
{
	struct diag	 d = DIAG_INIT;
	char		*path, *cause = NULL;

	if (pathp != NULL)
		*pathp = NULL;
	if ((path = settings_path(&cause)) == NULL) {
		cmd_warn(e, "%s", cause);
		free(cause);
		return (-1);
	}
	if (settings_load(path, cfg, &d, &cause) != 0) {
		if (cause != NULL)
			cmd_warn(e, "%s", cause);
		cmd_print_diag(&d);
		diag_release(&d);
		free(cause);
		if (what != NULL)
			cmd_warn(e, "%s: fix '%s' first", what, path);
		free(path);
		return (-1);
	}
	if (pathp != NULL)
		*pathp = path;
	else
		free(path);
	return (0);
}

void
cmd_print_diag(const struct diag *d)
{
	size_t	i;

	fflush(stdout);
	for (i = 0; i < d->n; i++)
		fprintf(stderr, "%s\n", d->msgs[i]);
}

struct catalog *
cmd_load_embedded(void)
{
	/* Checked when it was compiled in: nothing can fail here. */
	return (catalog_from_static(catalog_builtin, catalog_builtin_count,
	    "data/exercises.yaml"));
}

struct catalog *
cmd_load_catalog(void)
{
	struct catalog	*c, *add;
	struct diag	 d = DIAG_INIT;
	glob_t		 g;
	char		*dir, *pattern, *buf, *cause = NULL;
	size_t		 i, len;

	c = cmd_load_embedded();
	/* With no home folder there are no files of the person's to add. */
	if ((dir = paths_config_dir(&cause)) == NULL) {
		free(cause);
		return (c);
	}
	pattern = xasprintf("%s/exercises.d/*.yaml", dir);
	free(dir);
	if (glob(pattern, 0, NULL, &g) == 0) {
		/* glob() sorts, so overrides apply in name order. */
		for (i = 0; i < g.gl_pathc; i++) {
			add = NULL;
			if ((buf = file_read(g.gl_pathv[i], &len,
			    &cause)) == NULL) {
				cmd_warn(NULL, "%s", cause);
				free(cause);
				cause = NULL;
			} else {
				add = catalog_parse(g.gl_pathv[i], buf, len, c,
				    &d);
				free(buf);
			}
			if (add == NULL) {
				cmd_print_diag(&d);
				diag_release(&d);
				cmd_warn(NULL, "ignoring '%s'; its exercises "
				    "are not loaded", g.gl_pathv[i]);
				continue;
			}
			catalog_merge_take(c, add);
		}
		globfree(&g);
	}
	free(pattern);
	return (c);
}

/*
 * getopt_long() with our own messages: returns the next option, -1 at
 * the end, or '?' after printing "midback: NAME: unknown option '--x'"
 * or "option '--x' needs a value". shortopts must begin with ':'.
 */
static int
cmd_getopt(const struct cmd_entry *e, int argc, char **argv,
    const char *shortopts, const struct option *longopts)
{
	int	c;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == '?') {
		const char *arg = argv[optind - 1], *eq;

		if (strncmp(arg, "--", 2) == 0 && optopt != 0 &&
		    (eq = strchr(arg, '=')) != NULL)
			/* A known long option given a value it takes not. */
			cmd_warn(e, "option '%.*s' takes no value",
			    (int)(eq - arg), arg);
		else if (strncmp(arg, "--", 2) == 0)
			cmd_warn(e, "unknown option '%s'", arg);
		else
			cmd_warn(e, "unknown option '-%c'", optopt);
		return ('?');
	}
	if (c == ':') {
		if (strncmp(argv[optind - 1], "--", 2) == 0)
			cmd_warn(e, "option '%s' needs a value",
			    argv[optind - 1]);
		else
			cmd_warn(e, "option '-%c' needs a value", optopt);
		return ('?');
	}
	return (c);
}

int
cmd_parse_place(const struct cmd_entry *e, const char *s, int *out)
{
	if ((*out = name_find(&plan_places, s)) == -1) {
		cmd_warn(e, "unknown place '%s' (expected desk, floor or any)",
		    s);
		return (-1);
	}
	return (0);
}

int
cmd_parse_equipment(const struct cmd_entry *e, const char *s, unsigned *out)
{
	char	*err = NULL;

	if (coach_parse_equipment(s, out, &err) == 0)
		return (0);
	cmd_warn(e, "%s", err);
	free(err);
	return (-1);
}

static void
cmd_plan_defaults(struct plan_opts *o)
{
	struct coach	c;

	memset(&c, 0, sizeof c);
	c.clock = clock_process(NULL);
	coach_plan_defaults(&c, o);
}

void
cmd_play_args(const struct cmd_args *a, struct play_guide *g)
{
	g->plain = cmd_has(a, 'P') || !isatty(STDIN_FILENO) ||
	    !isatty(STDOUT_FILENO);
	g->trace = cmd_get(a, 't');
	g->voice = cmd_has(a, 'v');
}

int
cmd_plan_args(const struct cmd_entry *e, const struct cmd_args *a,
    struct plan_opts *o)
{
	static const int	keys[] = { 'm', 'p', 'e', 'd' };
	const char		*v;
	size_t			i;

	cmd_plan_defaults(o);
	/* Each of these takes a value: given, it is not NULL. */
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if ((v = cmd_get(a, keys[i])) != NULL &&
		    cmd_plan_option(e, keys[i], v, o) == -1)
			return (-1);
	if (cmd_has(a, 'o') && cmd_has(a, 'm')) {
		cmd_warn(e, "--one and --minutes cannot both be given");
		return (-1);
	}
	return (0);
}

static int
cmd_plan_option(const struct cmd_entry *e, int opt, const char *arg,
    struct plan_opts *o)
{
	char			*err = NULL;
	enum coach_plan_key	 k;

	k = opt == 'm' ? COACH_OPT_MINUTES : opt == 'p' ? COACH_OPT_PLACE :
	    opt == 'e' ? COACH_OPT_EQUIPMENT : COACH_OPT_DATE;
	if (coach_plan_option(k, arg, o, &err) == 0)
		return (0);
	cmd_warn(e, "%s", err);
	free(err);
	return (-1);
}

enum cmd_retval
cmd_unit_install(const struct cmd_entry *e, const char *name, char *text,
    char *cause, const char *where)
{
	char	*path = NULL;

	if (text == NULL || unit_write(name, text, &path, &cause) != 0) {
		cmd_warn(e, "%s", cause);
		free(cause);
		free(text);
		return (CMD_ERROR);
	}
	free(text);
	printf("Wrote %s.\n", path);
	free(path);
	if (unit_systemctl("daemon-reload", NULL, NULL) != 0 ||
	    unit_systemctl("enable", "--now", name) != 0) {
		cmd_warn(e, "the unit is written but could not be enabled: "
		    "'systemctl --user enable --now %s' failed (is there a "
		    "user systemd?)", name);
		return (CMD_ERROR);
	}
	printf("Enabled and started %s%s\n", name, where);
	return (CMD_OK);
}

enum cmd_retval
cmd_unit_uninstall(const struct cmd_entry *e, const char *name)
{
	char	*path, *cause = NULL;
	int	 rc = CMD_OK;

	if ((path = unit_path(name, &cause)) == NULL) {
		cmd_warn(e, "%s", cause);
		free(cause);
		return (CMD_ERROR);
	}
	if (access(path, F_OK) != 0) {
		printf("No unit at %s; nothing to remove.\n", path);
		free(path);
		return (CMD_OK);
	}
	if (unit_systemctl("disable", "--now", name) != 0)
		cmd_warn(e, "'systemctl --user disable --now %s' failed; "
		    "removing the unit anyway", name);
	if (unlink(path) != 0) {
		cmd_warn(e, "cannot remove '%s': %s", path, strerror(errno));
		rc = CMD_ERROR;
	} else
		printf("Removed %s.\n", path);
	(void)unit_systemctl("daemon-reload", NULL, NULL);
	free(path);
	return (rc);
}
