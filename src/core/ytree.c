/*
 * ytree.c -- checked reading of a libyaml document tree.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ytree.h"

/*
 * Whether s holds a control character other than a line break: C0 (a
 * tab and a carriage return too), DEL, or C1 (U+0080 to U+009F). YAML's
 * escapes ("\e[31m") let a file carry them, and text from a file is
 * printed to a terminal as it is. A line break only breaks the line (the
 * screen's text has them, from block scalars).
 */
static int
has_control(const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f ||
		    (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return (1);
	return (0);
}

/*
 * Whether the text nests deeper than YTREE_DEPTH_MAX, read with libyaml's
 * event parser before the document tree is built: building the tree of a
 * 32,000-deep list takes seconds, and the scanner's work per token grows
 * with the depth. Stops at the first level too deep, so the cost is that
 * of the text up to there. Returns 0 if not too deep (or not YAML, which
 * yaml_parser_load() then reports as it always did), -1 with a diagnostic
 * naming the line if it is.
 */
static int
depth_check(const char *file, const char *buf, size_t len, struct diag *d)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	int		 depth = 0, rc = 0, done = 0;

	if (!yaml_parser_initialize(&parser))
		return (0);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done && yaml_parser_parse(&parser, &ev)) {
		switch (ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > YTREE_DEPTH_MAX) {
				diag_add(d, file, ev.start_mark.line + 1,
				    "nested deeper than %d levels",
				    YTREE_DEPTH_MAX);
				rc = -1;
				done = 1;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return (rc);
}

yaml_node_t *
ytree_load(struct ytree *t, const char *file, const char *buf, size_t len,
    struct diag *d)
{
	yaml_parser_t	 parser;
	yaml_node_t	*root;

	memset(t, 0, sizeof *t);
	t->file = file;
	t->diag = d;
	if (depth_check(file, buf, len, d) != 0)
		return (NULL);
	if (!yaml_parser_initialize(&parser)) {
		diag_add(d, file, 0, "cannot start the YAML parser");
		return (NULL);
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &t->doc)) {
		const char *problem = parser.problem != NULL ?
		    parser.problem : "parse error";
		const char *ctx = parser.context;

		/*
		 * An unclosed bracket is found where the text ends, not
		 * where it went wrong: point at where the list began.
		 */
		if (ctx != NULL && strstr(ctx, "flow sequence") != NULL)
			diag_add(d, file, parser.context_mark.line + 1,
			    "not valid YAML: %s (the list opened on this "
			    "line is not closed)", problem);
		else if (ctx != NULL && strstr(ctx, "flow mapping") != NULL)
			diag_add(d, file, parser.context_mark.line + 1,
			    "not valid YAML: %s (the mapping opened on this "
			    "line is not closed)", problem);
		else
			diag_add(d, file, parser.problem_mark.line + 1,
			    "not valid YAML: %s", problem);
		yaml_parser_delete(&parser);
		return (NULL);
	}
	yaml_parser_delete(&parser);
	t->loaded = 1;
	if ((root = yaml_document_get_root_node(&t->doc)) == NULL) {
		diag_add(d, file, 1, "empty file: expected a YAML mapping");
		return (NULL);
	}
	return (root);
}

void
ytree_release(struct ytree *t)
{
	if (t->loaded)
		yaml_document_delete(&t->doc);
	t->loaded = 0;
}

unsigned long
ytree_line(const yaml_node_t *n)
{
	return (n->start_mark.line + 1);
}

yaml_node_t *
ytree_node(struct ytree *t, int index)
{
	return (yaml_document_get_node(&t->doc, index));
}

static const char *
node_type_name(const yaml_node_t *n)
{
	static const char *const names[] = {
		[YAML_NO_NODE] = "empty",
		[YAML_SCALAR_NODE] = "a scalar",
		[YAML_SEQUENCE_NODE] = "a list",
		[YAML_MAPPING_NODE] = "a mapping",
	};

	return ((unsigned)n->type < sizeof names / sizeof names[0] ?
	    names[n->type] : "empty");
}

/* The length of a key's name in a ytree_keys() table, without its '!'. */
static size_t
key_len(const char *name)
{
	size_t	n = strlen(name);

	return (n > 0 && name[n - 1] == '!' ? n - 1 : n);
}

int
ytree_keys(struct ytree *t, yaml_node_t *map, const char *const *known,
    size_t nknown, yaml_node_t **found, const char *what)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*k, *v;
	const char		*key;
	size_t			 i;

	for (i = 0; i < nknown; i++)
		found[i] = NULL;
	if (map->type != YAML_MAPPING_NODE) {
		diag_add(t->diag, t->file, ytree_line(map),
		    "%s: expected a mapping, found %s", what,
		    node_type_name(map));
		return (-1);
	}
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		k = ytree_node(t, p->key);
		v = ytree_node(t, p->value);
		if (k->type != YAML_SCALAR_NODE) {
			diag_add(t->diag, t->file, ytree_line(k),
			    "%s: a key must be a plain word", what);
			continue;
		}
		key = (const char *)k->data.scalar.value;
		for (i = 0; i < nknown; i++)
			if (strlen(key) == key_len(known[i]) &&
			    strncmp(key, known[i], key_len(known[i])) == 0)
				break;
		if (i == nknown && has_control((char *)
		    k->data.scalar.value)) {
			/* Never sent to the terminal as it is. */
			diag_add(t->diag, t->file, ytree_line(k),
			    "%s: a key must be a plain word", what);
			continue;
		}
		if (i == nknown) {
			diag_add(t->diag, t->file, ytree_line(k),
			    "unknown key '%s'", k->data.scalar.value);
			continue;
		}
		if (found[i] != NULL) {
			diag_add(t->diag, t->file, ytree_line(k),
			    "duplicate key '%s'", key);
			continue;
		}
		found[i] = v;
	}
	for (i = 0; i < nknown; i++)
		if (key_len(known[i]) < strlen(known[i]) && found[i] == NULL)
			diag_add(t->diag, t->file, ytree_line(map),
			    "%s: missing '%.*s'", what,
			    (int)key_len(known[i]), known[i]);
	return (0);
}

const char *
ytree_str(struct ytree *t, yaml_node_t *n, const char *key)
{
	if (n->type != YAML_SCALAR_NODE) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must be text, found %s", key, node_type_name(n));
		return (NULL);
	}
	if (n->data.scalar.length == 0) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must not be empty", key);
		return (NULL);
	}
	if (strlen((char *)n->data.scalar.value) != n->data.scalar.length) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' holds a NUL character", key);
		return (NULL);
	}
	if (has_control((const char *)n->data.scalar.value)) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' holds a control character, such as an escape or a "
		    "tab; write it as plain text", key);
		return (NULL);
	}
	return ((const char *)n->data.scalar.value);
}

int
ytree_int(struct ytree *t, yaml_node_t *n, const char *key, long lo, long hi,
    long *out)
{
	const char	*s;
	char		*end;
	long		 v;

	if (n->type != YAML_SCALAR_NODE) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must be a whole number, found %s", key,
		    node_type_name(n));
		return (-1);
	}
	s = (const char *)n->data.scalar.value;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s != '\0' && *end == '\0' &&
	    (n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must be a whole number, found quoted text '%s' "
		    "(remove the quotes)", key, s);
		return (-1);
	}
	if (*s != '\0' && *end == '\0' && errno == ERANGE) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must be from %ld to %ld, found %s", key, lo, hi, s);
		return (-1);
	}
	if (*s == '\0' || *end != '\0') {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must be a whole number, found '%s'", key, s);
		return (-1);
	}
	if (v < lo || v > hi) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must be from %ld to %ld, found %ld", key, lo, hi, v);
		return (-1);
	}
	*out = v;
	return (0);
}

int
ytree_bool(struct ytree *t, yaml_node_t *n, const char *key, int *out)
{
	const char	*s;

	if (n->type == YAML_SCALAR_NODE) {
		s = (const char *)n->data.scalar.value;
		if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0) {
			*out = 1;
			return (0);
		}
		if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0) {
			*out = 0;
			return (0);
		}
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must be true or false, found '%s'", key, s);
		return (-1);
	}
	diag_add(t->diag, t->file, ytree_line(n),
	    "'%s' must be true or false, found %s", key, node_type_name(n));
	return (-1);
}

int
ytree_seq_len(struct ytree *t, yaml_node_t *n, const char *key)
{
	if (n->type != YAML_SEQUENCE_NODE) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'%s' must be a list, found %s", key, node_type_name(n));
		return (-1);
	}
	return ((int)(n->data.sequence.items.top -
	    n->data.sequence.items.start));
}

yaml_node_t *
ytree_seq_item(struct ytree *t, yaml_node_t *n, int i)
{
	return (ytree_node(t, n->data.sequence.items.start[i]));
}

const char *
ytree_seq_str(struct ytree *t, yaml_node_t *n, int i, const char *key,
    yaml_node_t **item)
{
	yaml_node_t	*it = ytree_seq_item(t, n, i);

	if (item != NULL)
		*item = it;
	return (ytree_str(t, it, key));
}
