/*
 * gen-commands.c -- compile data/commands.yaml, the command line as data,
 * into C at build time: the command table and each command's options
 * (build/gen/commands.c), and the exec functions they point at
 * (build/gen/commands.h, which each src/cmd-NAME.c includes). As git's
 * command-list.txt: one description of the command line, from which
 * parsing, --help, the completions and the man page are all written. It
 * is read here, never at run time.
 *
 * A file with any problem fails the build with FILE:LINE: messages,
 * every one of them.
 *
 * Usage: gen-commands FILE > commands.c
 *        gen-commands --header FILE > commands.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/xmalloc.h"
#include "core/ytree.h"
#include "sys/fileio.h"
#include "cstr.h"

/* What cmd_help() prints: the width of a line, and where help starts. */
#define WIDTH		80
#define OPT_COLUMN	21
#define NAME_WIDTH	8	/* main.c's "  %-8s %s" */

struct opt {
	const char	*name;
	int		 key;
	const char	*arg;
	char		*help;		/* owned; no line break at its end */
	unsigned long	 line;
};

struct optlist {
	struct opt	*v;
	size_t		 n;
};

struct group {
	const char	*name;
	struct optlist	 opts;
	int		 used;
	unsigned long	 line;
};

struct command {
	const char	*name;
	char		*usage;		/* owned */
	const char	*summary;
	char		*help;		/* owned; NULL, or ends in a newline */
	char		*after;		/* likewise */
	long		 args_min;
	long		 args_max;	/* -1: no limit */
	int		 needs_catalog;
	struct optlist	 opts;
	unsigned long	 line;
};

struct gen {
	struct ytree	 t;
	struct group	*groups;
	size_t		 ngroups;
	struct command	*cmds;
	size_t		 ncmds;
};

static void
add_opt(struct optlist *l, const struct opt *o)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n] = *o;
	l->v[l->n].help = xstrdup(o->help);
	l->n++;
}

static void
free_opts(struct optlist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].help);
	free(l->v);
}

/* Whether s is a word of lower-case letters, digits and dashes (first a
 * letter), and no dash when ident: a C identifier's part. */
static int
is_word(const char *s, int ident)
{
	const char	*p;

	if (*s < 'a' || *s > 'z')
		return (0);
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (*p == '-' && !ident && p[1] != '\0')))
			return (0);
	return (1);
}

/* Columns of the longest line of s (UTF-8 continuation bytes count 0). */
static size_t
widest(const char *s)
{
	size_t	w = 0, max = 0;

	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			w = 0;
			continue;
		}
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
		if (w > max)
			max = w;
	}
	return (max);
}

/*
 * Text for --help from node n: line breaks at the end taken off, then
 * one added if nl. NULL (reported) if it is empty, has a line ending in a
 * space, or is wider than width columns.
 */
static char *
help_text(struct gen *g, yaml_node_t *n, const char *key, size_t width,
    int nl)
{
	const char	*s;
	char		*out;
	size_t		 len;

	if ((s = ytree_str(&g->t, n, key)) == NULL)
		return (NULL);
	len = strlen(s);
	while (len > 0 && s[len - 1] == '\n')
		len--;
	if (len == 0) {
		diag_add(g->t.diag, g->t.file, ytree_line(n),
		    "'%s' must not be empty", key);
		return (NULL);
	}
	out = xasprintf("%.*s%s", (int)len, s, nl ? "\n" : "");
	if (strstr(out, " \n") != NULL || out[len - 1] == ' ') {
		diag_add(g->t.diag, g->t.file, ytree_line(n),
		    "'%s' has a line that ends in a space", key);
		free(out);
		return (NULL);
	}
	if (widest(out) > width) {
		diag_add(g->t.diag, g->t.file, ytree_line(n),
		    "'%s' has a line of %zu characters: --help wants at most "
		    "%zu", key, widest(out), width);
		free(out);
		return (NULL);
	}
	return (out);
}

/* One option's mapping into *o. Returns 0, or -1 (reported). */
static int
read_opt(struct gen *g, yaml_node_t *n, yaml_node_t **f, struct opt *o)
{
	const char	*key;
	int		 bad = 0;

	memset(o, 0, sizeof *o);
	o->line = ytree_line(n);
	if (f[0] == NULL || f[1] == NULL || f[3] == NULL) {
		diag_add(g->t.diag, g->t.file, o->line, "an option needs "
		    "'name', 'key' and 'help' (or is '- group: NAME')");
		return (-1);
	}
	if ((o->name = ytree_str(&g->t, f[0], "name")) != NULL &&
	    (!is_word(o->name, 0) || strcmp(o->name, "help") == 0)) {
		diag_add(g->t.diag, g->t.file, ytree_line(f[0]),
		    "option name '%s': expected a word of a-z, 0-9 and -, "
		    "not help", o->name);
		o->name = NULL;
	}
	if ((key = ytree_str(&g->t, f[1], "key")) != NULL) {
		if (strlen(key) != 1 || !((*key >= 'a' && *key <= 'z') ||
		    (*key >= 'A' && *key <= 'Z') ||
		    (*key >= '0' && *key <= '9')) || *key == 'h')
			diag_add(g->t.diag, g->t.file, ytree_line(f[1]),
			    "key '%s': expected one letter or digit, not h "
			    "(--help's)", key);
		else
			o->key = *key;
	}
	if (f[2] != NULL && (o->arg = ytree_str(&g->t, f[2], "arg")) ==
	    NULL)
		bad = 1;
	o->help = help_text(g, f[3], "help", WIDTH - OPT_COLUMN, 0);
	if (bad || o->name == NULL || o->key == 0 || o->help == NULL) {
		free(o->help);
		o->help = NULL;
		return (-1);
	}
	return (0);
}

static const char *const opt_keys[] = {
	"name", "key", "arg", "help", "group"
};

static struct group *
find_group(struct gen *g, const char *name)
{
	size_t	i;

	for (i = 0; i < g->ngroups; i++)
		if (strcmp(g->groups[i].name, name) == 0)
			return (&g->groups[i]);
	return (NULL);
}

/*
 * A list of options into *l; with groups, an item may be "group: NAME",
 * whose options are put in its place.
 */
static void
read_opts(struct gen *g, yaml_node_t *list, const char *what, int groups,
    struct optlist *l)
{
	yaml_node_t	*item, *f[5];
	struct group	*gr;
	struct opt	 o;
	const char	*name;
	size_t		 j;
	int		 i, n;

	if ((n = ytree_seq_len(&g->t, list, "options")) == -1)
		return;
	for (i = 0; i < n; i++) {
		item = ytree_seq_item(&g->t, list, i);
		if (ytree_keys(&g->t, item, opt_keys, 5, f, what) == -1)
			continue;
		if (f[4] == NULL) {
			if (read_opt(g, item, f, &o) == 0) {
				add_opt(l, &o);
				free(o.help);
			}
			continue;
		}
		if (!groups || f[0] != NULL || f[1] != NULL || f[2] != NULL ||
		    f[3] != NULL) {
			diag_add(g->t.diag, g->t.file, ytree_line(item),
			    groups ? "'- group: NAME' holds nothing else" :
			    "a group cannot hold a group");
			continue;
		}
		if ((name = ytree_str(&g->t, f[4], "group")) == NULL)
			continue;
		if ((gr = find_group(g, name)) == NULL) {
			diag_add(g->t.diag, g->t.file, ytree_line(f[4]),
			    "no group '%s'", name);
			continue;
		}
		gr->used = 1;
		for (j = 0; j < gr->opts.n; j++)
			add_opt(l, &gr->opts.v[j]);
	}
}

static void
read_groups(struct gen *g, yaml_node_t *map)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*k;
	struct group		*gr;
	char			*what;

	if (map->type != YAML_MAPPING_NODE) {
		diag_add(g->t.diag, g->t.file, ytree_line(map),
		    "'groups' must be a mapping of a name to its options");
		return;
	}
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		k = ytree_node(&g->t, p->key);
		if (k->type != YAML_SCALAR_NODE ||
		    !is_word((char *)k->data.scalar.value, 0)) {
			diag_add(g->t.diag, g->t.file, ytree_line(k),
			    "a group's name must be a word of a-z, 0-9 and -");
			continue;
		}
		if (find_group(g, (char *)k->data.scalar.value) != NULL) {
			diag_add(g->t.diag, g->t.file, ytree_line(k),
			    "duplicate group '%s'", k->data.scalar.value);
			continue;
		}
		g->groups = xreallocarray(g->groups, g->ngroups + 1,
		    sizeof *g->groups);
		gr = &g->groups[g->ngroups++];
		memset(gr, 0, sizeof *gr);
		gr->name = (char *)k->data.scalar.value;
		gr->line = ytree_line(k);
		what = xasprintf("an option of group '%s'", gr->name);
		read_opts(g, ytree_node(&g->t, p->value), what, 0, &gr->opts);
		free(what);
	}
}

/* Operands: a whole number from 0 to 99, or with many "any" (-1). */
static int
read_args(struct gen *g, yaml_node_t *n, const char *key, int many,
    long *out)
{
	const char	*s;
	char		*end;
	long		 v;

	if ((s = ytree_str(&g->t, n, key)) == NULL)
		return (-1);
	if (many && strcmp(s, "any") == 0) {
		*out = -1;
		return (0);
	}
	v = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || v > 99) {
		diag_add(g->t.diag, g->t.file, ytree_line(n), "'%s' must be "
		    "a whole number from 0 to 99%s, found '%s'", key,
		    many ? ", or any" : "", s);
		return (-1);
	}
	*out = v;
	return (0);
}

static void
read_needs(struct gen *g, yaml_node_t *n, struct command *c)
{
	yaml_node_t	*item;
	const char	*s;
	int		 i, len;

	if ((len = ytree_seq_len(&g->t, n, "needs")) == -1)
		return;
	for (i = 0; i < len; i++) {
		item = ytree_seq_item(&g->t, n, i);
		if ((s = ytree_str(&g->t, item, "needs")) == NULL)
			continue;
		if (strcmp(s, "catalog") == 0)
			c->needs_catalog = 1;
		else
			diag_add(g->t.diag, g->t.file, ytree_line(item),
			    "unknown need '%s' (expected catalog)", s);
	}
}

/* Every "--word" of c's usage is one of its options. */
static void
check_usage(struct gen *g, const struct command *c, unsigned long line)
{
	const char	*p, *end;
	size_t		 len, i;

	for (p = c->usage; (p = strstr(p, "--")) != NULL; p = end) {
		p += 2;
		for (end = p; (*end >= 'a' && *end <= 'z') ||
		    (*end >= '0' && *end <= '9') || *end == '-'; end++)
			;
		len = (size_t)(end - p);
		for (i = 0; i < c->opts.n; i++)
			if (strlen(c->opts.v[i].name) == len &&
			    strncmp(c->opts.v[i].name, p, len) == 0)
				break;
		if (i == c->opts.n)
			diag_add(g->t.diag, g->t.file, line, "usage of '%s' "
			    "names --%.*s, which is not one of its options",
			    c->name, (int)len, p);
	}
}

/* No two options of c share a name or a key. */
static void
check_opts(struct gen *g, const struct command *c)
{
	const struct opt	*a, *b;
	size_t			 i, j;

	for (i = 0; i < c->opts.n; i++)
		for (j = 0; j < i; j++) {
			a = &c->opts.v[j];
			b = &c->opts.v[i];
			if (strcmp(a->name, b->name) == 0)
				diag_add(g->t.diag, g->t.file, b->line,
				    "%s: a second option '%s' (line %lu)",
				    c->name, b->name, a->line);
			else if (a->key == b->key)
				diag_add(g->t.diag, g->t.file, b->line,
				    "%s: --%s has the key '%c' of --%s "
				    "(line %lu)", c->name, b->name, b->key,
				    a->name, a->line);
		}
}

static const char *const cmd_keys[] = {
	"name!", "usage!", "summary!", "help", "after", "args-min",
	"args-max", "needs", "options"
};

static void
read_command(struct gen *g, yaml_node_t *n)
{
	struct command	 c;
	yaml_node_t	*f[9];
	const char	*s;
	char		*what;
	size_t		 i, len;

	memset(&c, 0, sizeof c);
	c.line = ytree_line(n);
	if (ytree_keys(&g->t, n, cmd_keys, 9, f, "a command") == -1)
		return;
	if (f[0] == NULL || f[1] == NULL || f[2] == NULL)
		return;
	if ((c.name = ytree_str(&g->t, f[0], "name")) == NULL)
		return;
	if (!is_word(c.name, 1) || strlen(c.name) > NAME_WIDTH) {
		diag_add(g->t.diag, g->t.file, ytree_line(f[0]),
		    "command name '%s': expected up to %d letters a-z and "
		    "digits", c.name, NAME_WIDTH);
		return;
	}
	for (i = 0; i < g->ncmds; i++)
		if (strcmp(g->cmds[i].name, c.name) == 0) {
			diag_add(g->t.diag, g->t.file, ytree_line(f[0]),
			    "a second command '%s' (line %lu)", c.name,
			    g->cmds[i].line);
			return;
		}
	/* Every problem is reported; nothing is written after one. */
	if ((s = ytree_str(&g->t, f[1], "usage")) != NULL) {
		/* One line; a folded one may end in a line break. */
		len = strcspn(s, "\n");
		if (s[len + strspn(s + len, "\n")] != '\0')
			diag_add(g->t.diag, g->t.file, ytree_line(f[1]),
			    "usage of '%s' must be one line (fold it: '>-')",
			    c.name);
		else
			c.usage = xstrndup(s, len);
	}
	if ((c.summary = ytree_str(&g->t, f[2], "summary")) != NULL &&
	    (strchr(c.summary, '\n') != NULL ||
	    widest(c.summary) > WIDTH - NAME_WIDTH - 3))
		diag_add(g->t.diag, g->t.file, ytree_line(f[2]),
		    "summary of '%s': expected one line of at most %d "
		    "characters", c.name, WIDTH - NAME_WIDTH - 3);
	if (f[3] != NULL)
		c.help = help_text(g, f[3], "help", WIDTH, 1);
	if (f[4] != NULL)
		c.after = help_text(g, f[4], "after", WIDTH, 1);
	if (f[5] != NULL)
		(void)read_args(g, f[5], "args-min", 0, &c.args_min);
	if (f[6] != NULL)
		(void)read_args(g, f[6], "args-max", 1, &c.args_max);
	if (c.args_max != -1 && c.args_max < c.args_min)
		diag_add(g->t.diag, g->t.file, ytree_line(f[6] != NULL ? f[6] :
		    f[5]), "%s: args-max %ld (0 when not given) is below "
		    "args-min %ld", c.name, c.args_max, c.args_min);
	if (f[7] != NULL)
		read_needs(g, f[7], &c);
	if (f[8] != NULL) {
		what = xasprintf("an option of '%s'", c.name);
		read_opts(g, f[8], what, 1, &c.opts);
		free(what);
	}
	check_opts(g, &c);
	if (c.usage != NULL)
		check_usage(g, &c, ytree_line(f[1]));
	/* Kept with a problem too, to find a second of its name. */
	g->cmds = xreallocarray(g->cmds, g->ncmds + 1, sizeof *g->cmds);
	g->cmds[g->ncmds++] = c;
}

static const char *const top_keys[] = { "groups", "commands!" };

static void
read_file(struct gen *g, yaml_node_t *root)
{
	yaml_node_t	*f[2];
	size_t		 i;
	int		 n, k;

	if (ytree_keys(&g->t, root, top_keys, 2, f, "the file") == -1 ||
	    f[1] == NULL)
		return;
	if (f[0] != NULL)
		read_groups(g, f[0]);
	if ((n = ytree_seq_len(&g->t, f[1], "commands")) == -1)
		return;
	if (n == 0)
		diag_add(g->t.diag, g->t.file, ytree_line(f[1]),
		    "no commands");
	for (k = 0; k < n; k++)
		read_command(g, ytree_seq_item(&g->t, f[1], k));
	for (i = 0; i < g->ngroups; i++)
		if (!g->groups[i].used)
			diag_add(g->t.diag, g->t.file, g->groups[i].line,
			    "group '%s' is used by no command",
			    g->groups[i].name);
}

/* s as C string literals, a line each, after indent. */
static void
text(const char *s, const char *indent)
{
	const char	*nl;

	while ((nl = strchr(s, '\n')) != NULL && nl[1] != '\0') {
		cstr_putn(s, (size_t)(nl - s + 1));
		printf("\n%s", indent);
		s = nl + 1;
	}
	cstr_put(s);
}

/* A member of struct cmd_entry holding text, or NULL. */
static void
field(const char *name, const char *s)
{
	if (s == NULL)
		printf("\t.%s = NULL,\n", name);
	else {
		printf("\t.%s =\n\t    ", name);
		text(s, "\t    ");
		printf(",\n");
	}
}

static void
write_header(const struct gen *g, const char *file)
{
	size_t	i;

	printf("/* Generated by tools/gen-commands from %s: do not edit. */\n"
	    "#ifndef MIDBACK_COMMANDS_H\n#define MIDBACK_COMMANDS_H\n\n"
	    "#include \"cli/cmd.h\"\n\n/* What each command runs, in src/cmd-NAME.c. "
	    "*/\n", file);
	for (i = 0; i < g->ncmds; i++)
		printf("enum cmd_retval\tcmd_%s_exec(struct cmd_ctx *, "
		    "struct cmd_args *);\n", g->cmds[i].name);
	printf("\n#endif\n");
}

static void
write_tables(const struct gen *g, const char *file)
{
	const struct command	*c;
	const struct opt	*o;
	size_t			 i, j;

	printf("/* Generated by tools/gen-commands from %s: do not edit. */\n"
	    "#include <stddef.h>\n\n#include \"cli/cmd.h\"\n#include \"commands.h\""
	    "\n", file);
	for (i = 0; i < g->ncmds; i++) {
		c = &g->cmds[i];
		printf("\nstatic const struct cmd_option %s_options[] = {\n",
		    c->name);
		for (j = 0; j < c->opts.n; j++) {
			o = &c->opts.v[j];
			printf("\t{ ");
			cstr_put(o->name);
			printf(", '%c', ", o->key);
			cstr_put(o->arg);
			printf(",\n\t    ");
			text(o->help, "\t    ");
			printf(" },\n");
		}
		printf("\t{ NULL, 0, NULL, NULL }\n};\n\n");
		printf("static const struct cmd_entry %s_entry = {\n"
		    "\t.name = ", c->name);
		cstr_put(c->name);
		printf(",\n\t.usage = ");
		cstr_put(c->usage);
		printf(",\n\t.summary = ");
		cstr_put(c->summary);
		printf(",\n");
		field("help", c->help);
		printf("\t.options = %s_options,\n\t.args_min = %ld,\n"
		    "\t.args_max = %ld,\n", c->name, c->args_min, c->args_max);
		field("after", c->after);
		printf("\t.flags = %s,\n\t.exec = cmd_%s_exec\n};\n",
		    c->needs_catalog ? "CMD_NEEDS_CATALOG" : "0", c->name);
	}
	printf("\nconst struct cmd_entry *cmd_table[] = {\n");
	for (i = 0; i < g->ncmds; i++)
		printf("\t&%s_entry,\n", g->cmds[i].name);
	printf("\tNULL\n};\n");
}

int
main(int argc, char **argv)
{
	struct gen	 g;
	struct diag	 d = DIAG_INIT;
	yaml_node_t	*root;
	const char	*file;
	char		*buf, *err = NULL;
	size_t		 i, len;
	int		 header = 0, ret = 0;

	if (argc == 3 && strcmp(argv[1], "--header") == 0)
		header = 1;
	else if (argc != 2) {
		fprintf(stderr, "usage: gen-commands [--header] FILE\n");
		return (2);
	}
	file = argv[argc - 1];
	if ((buf = file_read(file, &len, &err)) == NULL) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return (1);
	}
	memset(&g, 0, sizeof g);
	if ((root = ytree_load(&g.t, file, buf, len, &d)) != NULL)
		read_file(&g, root);
	if (d.n > 0) {
		diag_sort(&d);
		for (i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.msgs[i]);
		ret = 1;
	} else if (header)
		write_header(&g, file);
	else
		write_tables(&g, file);
	for (i = 0; i < g.ncmds; i++) {
		free(g.cmds[i].usage);
		free(g.cmds[i].help);
		free(g.cmds[i].after);
		free_opts(&g.cmds[i].opts);
	}
	for (i = 0; i < g.ngroups; i++)
		free_opts(&g.groups[i].opts);
	free(g.cmds);
	free(g.groups);
	ytree_release(&g.t);
	diag_release(&d);
	free(buf);
	if (ret == 0 && fflush(stdout) != 0)
		ret = 1;
	return (ret);
}
