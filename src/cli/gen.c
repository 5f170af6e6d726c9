/*
 * gen.c -- what is written from the command table: the bash, zsh and fish
 * completion scripts and the man page's synopsis and options. See gen.h.
 *
 * Nothing here names a command or an option: each comes from cmd_table[]
 * and its struct cmd_option tables (made from data/commands.yaml at build
 * time), the ones cmd_parse() and --help read, so a new command or option
 * is completed and documented as it is added.
 * What an operand or a value is comes from the names the table gives it:
 *
 *   an option's arg "ID", or an operand "ID" in the usage: an exercise id
 *     (the script asks `midback --complete exercises`, so the person's own
 *     exercises complete too);
 *   an arg or operand holding "FILE": a file name;
 *   a value written in the usage as "a|b|c": one of those words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/doc.h"
#include "cli/cmd.h"
#include "cli/gen.h"
#include "core/xmalloc.h"

/* What a value or an operand is, for completion. */
enum gen_kind {
	GEN_NONE,	/* a flag, or no operand */
	GEN_WORD,	/* anything: nothing to offer */
	GEN_FILE,	/* a file name */
	GEN_ID,		/* an exercise id */
	GEN_CHOICE	/* one of a few words */
};

/* What the usage line says of one option, or of the operands. */
struct gen_use {
	enum gen_kind	 kind;
	char		 choices[128];	/* space-separated, for GEN_CHOICE */
	int		 required;	/* outside any [ ] */
};

static enum gen_kind
gen_kind_of(const char *name)
{
	if (name == NULL)
		return (GEN_NONE);
	if (strcmp(name, "ID") == 0 || strncmp(name, "ID.", 3) == 0)
		return (GEN_ID);
	if (strstr(name, "FILE") != NULL)
		return (GEN_FILE);
	return (GEN_WORD);
}

/*
 * Read e's usage for option o (or, with o NULL, the operands): whether it
 * is outside brackets, and the choices its value lists ("desk|floor|any").
 */
static void
gen_usage(const struct cmd_entry *e, const struct cmd_option *o,
    struct gen_use *u)
{
	char		*copy, *tok, *save = NULL, *w;
	const char	*want = NULL;
	enum gen_kind	 k;
	int		 depth = 0, opens, closes, skip = 0, i;
	size_t		 n;

	memset(u, 0, sizeof *u);
	u->kind = o != NULL ? gen_kind_of(o->arg) : GEN_NONE;
	copy = xstrdup(e->usage != NULL ? e->usage : "");
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		opens = closes = 0;
		while (*tok == '[') {
			opens++;
			tok++;
		}
		n = strlen(tok);
		while (n > 0 && tok[n - 1] == ']') {
			closes++;
			tok[--n] = '\0';
		}
		if (n > 3 && strcmp(tok + n - 3, "...") == 0)
			tok[n - 3] = '\0';
		if (*tok == '\0' || strcmp(tok, "|") == 0) {
			depth += opens - closes;
			continue;
		}
		if (skip) {
			/* The value of the option just seen. */
			skip = 0;
			if (o != NULL && want != NULL &&
			    strchr(tok, '|') != NULL) {
				u->kind = GEN_CHOICE;
				snprintf(u->choices, sizeof u->choices, "%s",
				    tok);
				for (w = u->choices; *w != '\0'; w++)
					if (*w == '|')
						*w = ' ';
			}
		} else if (strncmp(tok, "--", 2) == 0) {
			want = o != NULL && strcmp(tok + 2, o->name) == 0 ?
			    tok : NULL;
			if (want != NULL && depth + opens == 0)
				u->required = 1;
			for (i = 0; e->options != NULL &&
			    e->options[i].name != NULL; i++)
				if (strcmp(e->options[i].name, tok + 2) == 0 &&
				    e->options[i].arg != NULL)
					skip = 1;
		} else if (o == NULL && (k = gen_kind_of(tok)) > u->kind) {
			/* An operand: the most telling name wins. */
			u->kind = k;
			u->required = depth + opens == 0;
		}
		depth += opens - closes;
	}
	free(copy);
}

/* An option's help on one line, for a description. */
static void
gen_first_line(const char *help, char *buf, size_t size)
{
	size_t	i;

	snprintf(buf, size, "%s", help);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
}

/*
 * s inside single quotes, each character of special after a backslash.
 * zsh takes nothing back inside single quotes, so an apostrophe there
 * ends the quotes and starts them again ('\''); fish takes \' and \\.
 */
static void
gen_quoted(FILE *f, const char *s, const char *special)
{
	int	zsh = strchr(special, ':') != NULL;

	for (; *s != '\0'; s++) {
		if (*s == '\'' && zsh)
			fputs("'\\''", f);
		else {
			if (strchr(special, *s) != NULL)
				fputc('\\', f);
			fputc(*s == '\n' ? ' ' : *s, f);
		}
	}
}

/* The bash case arm completing a value or an operand of kind k. */
static void
gen_bash_value(FILE *f, const struct gen_use *u)
{
	switch (u->kind) {
	case GEN_FILE:
		fprintf(f, "_midback_files; return ;;\n");
		break;
	case GEN_NONE:
	case GEN_WORD:
		fprintf(f, "return ;;\n");
		break;
	case GEN_ID:
		fprintf(f, "_midback_reply \"$(midback --complete exercises "
		    "2>/dev/null)\"; return ;;\n");
		break;
	case GEN_CHOICE:
		fprintf(f, "_midback_reply '%s'; return ;;\n", u->choices);
		break;
	default:
		fprintf(f, "return ;;\n");
		break;
	}
}

static void
gen_bash(FILE *f)
{
	const struct cmd_entry	**e;
	const struct cmd_option	 *o;
	struct gen_use		  u;

	fprintf(f, "# bash completion for midback.\n"
	    "# Written by 'midback --generate bash' from the command table: "
	    "do not edit.\n\n"
	    "_midback_reply() {\n"
	    "\tlocal IFS=$' \\t\\n'\n"
	    "\tCOMPREPLY=($(compgen -W \"$1\" -- \"$cur\"))\n"
	    "}\n\n"
	    "_midback_files() {\n"
	    "\tlocal IFS=$'\\n'\n"
	    "\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	    "\tcompopt -o filenames 2>/dev/null\n"
	    "}\n\n"
	    "_midback() {\n"
	    "\tlocal cur=${COMP_WORDS[COMP_CWORD]} "
	    "prev=${COMP_WORDS[COMP_CWORD-1]} cmd= i\n"
	    "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	    "\t\tcase ${COMP_WORDS[i]} in\n"
	    "\t\t-*) ;;\n"
	    "\t\t*) cmd=${COMP_WORDS[i]}; break ;;\n"
	    "\t\tesac\n"
	    "\tdone\n"
	    "\tif [[ -z $cmd && $cur != -* ]]; then\n"
	    "\t\t_midback_reply '");
	for (e = cmd_table; *e != NULL; e++)
		fprintf(f, "%s%s", e == cmd_table ? "" : " ", (*e)->name);
	fprintf(f, "'\n\t\treturn\n\tfi\n"
	    "\tcase $cmd in\n");
	for (e = cmd_table; *e != NULL; e++) {
		fprintf(f, "\t%s%s)\n", (*e)->name,
		    strcmp((*e)->name, "today") == 0 ? "|''" : "");
		fprintf(f, "\t\tcase $prev in\n");
		for (o = (*e)->options; o != NULL && o->name != NULL; o++) {
			if (o->arg == NULL)
				continue;
			gen_usage(*e, o, &u);
			fprintf(f, "\t\t--%s) ", o->name);
			gen_bash_value(f, &u);
		}
		fprintf(f, "\t\tesac\n\t\tif [[ $cur == -* ]]; then\n"
		    "\t\t\t_midback_reply '");
		for (o = (*e)->options; o != NULL && o->name != NULL; o++)
			fprintf(f, "--%s ", o->name);
		fprintf(f, "--help'\n\t\t\treturn\n\t\tfi\n");
		gen_usage(*e, NULL, &u);
		if (u.kind != GEN_NONE && u.kind != GEN_WORD) {
			fprintf(f, "\t\t");
			gen_bash_value(f, &u);
		} else
			fprintf(f, "\t\t;;\n");
	}
	fprintf(f, "\tesac\n}\n\ncomplete -F _midback midback\n");
}

/* The zsh _arguments action for a value or an operand. */
static const char *
gen_zsh_action(const struct gen_use *u, char *buf, size_t size)
{
	switch (u->kind) {
	case GEN_FILE:
		return ("_files");
	case GEN_ID:
		return ("_midback_exercises");
	case GEN_CHOICE:
		snprintf(buf, size, "(%s)", u->choices);
		return (buf);
	default:
		return (" ");
	}
}

static void
gen_zsh(FILE *f)
{
	const struct cmd_entry	**e;
	const struct cmd_option	 *o;
	struct gen_use		  u;
	char			  line[256], act[160];

	fprintf(f, "#compdef midback\n"
	    "# zsh completion for midback.\n"
	    "# Written by 'midback --generate zsh' from the command table: "
	    "do not edit.\n\n"
	    "_midback_exercises() {\n"
	    "\tlocal -a ids\n"
	    "\tids=(${(f)\"$(midback --complete exercises 2>/dev/null)\"})\n"
	    "\t_describe -t exercises 'exercise' ids\n"
	    "}\n\n"
	    "_midback() {\n"
	    "\tlocal -a commands\n"
	    "\tcommands=(\n");
	for (e = cmd_table; *e != NULL; e++) {
		fprintf(f, "\t\t'%s:", (*e)->name);
		gen_quoted(f, (*e)->summary, ":");
		fprintf(f, "'\n");
	}
	fprintf(f, "\t)\n"
	    "\tif (( CURRENT == 2 )); then\n"
	    "\t\t_describe -t commands 'midback command' commands\n"
	    "\t\treturn\n"
	    "\tfi\n"
	    "\tlocal cmd=$words[2]\n"
	    "\tshift words\n"
	    "\t(( CURRENT-- ))\n"
	    "\tcase $cmd in\n");
	for (e = cmd_table; *e != NULL; e++) {
		fprintf(f, "\t%s)\n\t\t_arguments -s \\\n", (*e)->name);
		for (o = (*e)->options; o != NULL && o->name != NULL; o++) {
			gen_first_line(o->help, line, sizeof line);
			fprintf(f, "\t\t\t'--%s[", o->name);
			gen_quoted(f, line, "[]:");
			fprintf(f, "]");
			if (o->arg != NULL) {
				gen_usage(*e, o, &u);
				fprintf(f, ":%s:%s", o->arg,
				    gen_zsh_action(&u, act, sizeof act));
			}
			fprintf(f, "' \\\n");
		}
		fprintf(f, "\t\t\t'(-h --help)'{-h,--help}'[show the help]'");
		gen_usage(*e, NULL, &u);
		if (u.kind != GEN_NONE)
			fprintf(f, " \\\n\t\t\t'*:operand:%s'",
			    gen_zsh_action(&u, act, sizeof act));
		fprintf(f, "\n\t\t;;\n");
	}
	fprintf(f, "\tesac\n}\n\n_midback \"$@\"\n");
}

static void
gen_fish(FILE *f)
{
	const struct cmd_entry	**e;
	const struct cmd_option	 *o;
	struct gen_use		  u;
	char			  line[256];

	fprintf(f, "# fish completion for midback.\n"
	    "# Written by 'midback --generate fish' from the command table: "
	    "do not edit.\n\n"
	    "complete -c midback -f\n"
	    "set -l midback_commands");
	for (e = cmd_table; *e != NULL; e++)
		fprintf(f, " %s", (*e)->name);
	fprintf(f, "\n");
	for (e = cmd_table; *e != NULL; e++) {
		fprintf(f, "complete -c midback -n \"not __fish_seen_subcommand_"
		    "from $midback_commands\" -a %s -d '", (*e)->name);
		gen_quoted(f, (*e)->summary, "'\\");
		fprintf(f, "'\n");
	}
	for (e = cmd_table; *e != NULL; e++) {
		for (o = (*e)->options; o != NULL && o->name != NULL; o++) {
			gen_first_line(o->help, line, sizeof line);
			fprintf(f, "complete -c midback -n '__fish_seen_"
			    "subcommand_from %s' -l %s", (*e)->name, o->name);
			if (o->arg != NULL) {
				gen_usage(*e, o, &u);
				fprintf(f, " -r");
				if (u.kind == GEN_FILE)
					fprintf(f, " -F");
				else if (u.kind == GEN_ID)
					fprintf(f, " -a '(midback --complete "
					    "exercises 2>/dev/null)'");
				else if (u.kind == GEN_CHOICE)
					fprintf(f, " -a '%s'", u.choices);
			}
			fprintf(f, " -d '");
			gen_quoted(f, line, "'\\");
			fprintf(f, "'\n");
		}
		gen_usage(*e, NULL, &u);
		if (u.kind == GEN_FILE)
			fprintf(f, "complete -c midback -n '__fish_seen_"
			    "subcommand_from %s' -F\n", (*e)->name);
		else if (u.kind == GEN_ID)
			fprintf(f, "complete -c midback -n '__fish_seen_"
			    "subcommand_from %s' -a '(midback --complete "
			    "exercises 2>/dev/null)'\n", (*e)->name);
	}
}

/* Text for a roff line: a leading dot or quote guarded, \ and - escaped. */
static void
gen_roff(FILE *f, const char *s, size_t n)
{
	size_t	i;

	if (n > 0 && (s[0] == '.' || s[0] == '\''))
		fputs("\\&", f);
	for (i = 0; i < n; i++) {
		if (s[i] == '\\')
			fputs("\\e", f);
		else if (s[i] == '-')
			fputs("\\-", f);
		else
			fputc(s[i], f);
	}
}

/* Each line of text as a roff text line. */
static void
gen_roff_lines(FILE *f, const char *text)
{
	const char	*p, *nl;

	for (p = text; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (nl > p) {
			gen_roff(f, p, (size_t)(nl - p));
			fputc('\n', f);
		}
		if (*nl == '\0')
			break;
	}
}

/* One mdoc macro argument: quoted when it holds a space. */
static void
gen_mdoc_arg(FILE *f, const char *s)
{
	int	q = strchr(s, ' ') != NULL || strchr(s, '|') != NULL;

	if (q)
		fputc('"', f);
	gen_roff(f, s, strlen(s));
	if (q)
		fputc('"', f);
}

/* The operands a usage line names, outside the options and their values. */
static void
gen_man_operands(FILE *f, const struct cmd_entry *e)
{
	const struct cmd_option	*o;
	char			*copy, *tok, *save = NULL, *t;
	int			 skip = 0;
	size_t			 n;

	copy = xstrdup(e->usage != NULL ? e->usage : "");
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		for (t = tok; *t == '['; t++)
			;
		n = strlen(t);
		while (n > 0 && t[n - 1] == ']')
			t[--n] = '\0';
		if (skip || *t == '\0' || strcmp(t, "|") == 0) {
			skip = 0;
			continue;
		}
		if (strncmp(t, "--", 2) == 0) {
			for (o = e->options; o != NULL && o->name != NULL; o++)
				if (strcmp(o->name, t + 2) == 0 &&
				    o->arg != NULL)
					skip = 1;
			continue;
		}
		n = strlen(t);
		if (n > 3 && strcmp(t + n - 3, "...") == 0) {
			t[n - 3] = '\0';
			fprintf(f, "%s", t != tok ? ".Op Ar " : ".Ar ");
			gen_mdoc_arg(f, t);
			fprintf(f, " ...\n");
		} else {
			fprintf(f, "%s", t != tok ? ".Op Ar " : ".Ar ");
			gen_mdoc_arg(f, t);
			fprintf(f, "\n");
		}
	}
	free(copy);
}

static void
gen_man_synopsis(FILE *f)
{
	const struct cmd_entry	**e;
	const struct cmd_option	 *o;
	struct gen_use		  u;

	fprintf(f, ".Nm\n.Op Fl \\-help | Fl \\-version\n");
	for (e = cmd_table; *e != NULL; e++) {
		fprintf(f, ".Nm\n.Cm %s\n", (*e)->name);
		for (o = (*e)->options; o != NULL && o->name != NULL; o++) {
			gen_usage(*e, o, &u);
			fprintf(f, "%sFl \\-", u.required ? "." : ".Op ");
			gen_roff(f, o->name, strlen(o->name));
			if (o->arg != NULL) {
				fprintf(f, " Ar ");
				gen_mdoc_arg(f, o->arg);
			}
			fprintf(f, "\n");
		}
		gen_man_operands(f, *e);
	}
}

static void
gen_man_options(FILE *f)
{
	const struct cmd_entry	**e;
	const struct cmd_option	 *o;

	fprintf(f, ".Sh COMMANDS AND OPTIONS\n"
	    "Every command also takes\n.Fl h ,\n.Fl \\-help ,\n"
	    "which prints its help.\n"
	    ".Bl -tag -width Ds\n");
	for (e = cmd_table; *e != NULL; e++) {
		fprintf(f, ".It Nm Cm %s\n", (*e)->name);
		gen_roff_lines(f, (*e)->summary);
		fprintf(f, ".Pp\n");
		if ((*e)->help != NULL && *(*e)->help != '\0') {
			gen_roff_lines(f, (*e)->help);
			fprintf(f, ".Pp\n");
		}
		if ((*e)->options == NULL || (*e)->options->name == NULL) {
			fprintf(f, "No options.\n");
		} else {
			fprintf(f, ".Bl -tag -width Ds -compact\n");
			for (o = (*e)->options; o->name != NULL; o++) {
				fprintf(f, ".It Fl \\-");
				gen_roff(f, o->name, strlen(o->name));
				if (o->arg != NULL) {
					fprintf(f, " Ar ");
					gen_mdoc_arg(f, o->arg);
				}
				fprintf(f, "\n");
				gen_roff_lines(f, o->help);
			}
			fprintf(f, ".El\n");
		}
		if ((*e)->after != NULL) {
			fprintf(f, ".Pp\n");
			gen_roff_lines(f, (*e)->after);
		}
	}
	fprintf(f, ".El\n");
}

int
gen_write(const char *what, FILE *f)
{
	if (strcmp(what, "bash") == 0)
		gen_bash(f);
	else if (strcmp(what, "zsh") == 0)
		gen_zsh(f);
	else if (strcmp(what, "fish") == 0)
		gen_fish(f);
	else if (strcmp(what, "man-synopsis") == 0)
		gen_man_synopsis(f);
	else if (strcmp(what, "man-options") == 0)
		gen_man_options(f);
	else
		return (-1);
	return (0);
}

void
gen_ids(FILE *f, const struct catalog *c)
{
	size_t	i;

	for (i = 0; c != NULL && i < c->n; i++)
		fprintf(f, "%s\n", c->ex[i].id);
}
