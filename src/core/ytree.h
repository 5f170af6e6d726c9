/*
 * ytree.h -- checked reading of a libyaml document tree.
 *
 * libcyaml stops at the first error and reports the enclosing mapping, so
 * the catalog and routine loaders walk libyaml's document tree instead,
 * whose nodes carry their own line. These helpers read one node each and
 * add a "file:line: message" diagnostic for anything wrong, so a loader can
 * carry on and report every problem of a file.
 */
#ifndef MIDBACK_YTREE_H
#define MIDBACK_YTREE_H

#include <yaml.h>

#include "diag.h"

struct ytree {
	yaml_document_t	 doc;
	int		 loaded;	/* doc must be deleted */
	const char	*file;		/* Borrowed; name used in messages. */
	struct diag	*diag;		/* Borrowed; where problems go. */
};

/*
 * How deep lists and mappings may nest in a file midback reads (a
 * catalog, a routine, the config): checked as the text is read, before
 * the document tree is built.
 */
#define YTREE_DEPTH_MAX	64

/*
 * Parse buf as one YAML document. Returns the root node, or NULL with a
 * diagnostic when the text is not YAML, holds no document, or nests
 * deeper than YTREE_DEPTH_MAX ("nested deeper than 64 levels", at the
 * line where the level too deep opens).
 */
yaml_node_t	*ytree_load(struct ytree *, const char *file, const char *buf,
		    size_t len, struct diag *);
void		 ytree_release(struct ytree *);

/* 1-based line of a node. */
unsigned long	 ytree_line(const yaml_node_t *);
yaml_node_t	*ytree_node(struct ytree *, int index);

/*
 * Check a mapping's keys against the nknown names of known[], where a name
 * ending in '!' is a required key (the '!' is not part of the key):
 * reports unknown and duplicate keys, and missing required ones (naming
 * what, the entry's description, e.g. "exercise 'open-book'"). Stores each
 * known key's value node in found[] at the key's index, NULL when absent.
 * Returns 0 if the node is a mapping, -1 (with a diagnostic) if not.
 */
int		 ytree_keys(struct ytree *, yaml_node_t *map,
		    const char *const *known, size_t nknown,
		    yaml_node_t **found, const char *what);

/* Read a scalar string. Returns a borrowed pointer or NULL (reported). */
const char	*ytree_str(struct ytree *, yaml_node_t *, const char *key);
/* Read an integer in [lo, hi] into *out. Returns 0, or -1 (reported). */
int		 ytree_int(struct ytree *, yaml_node_t *, const char *key,
		    long lo, long hi, long *out);
/* Read a boolean (true/false/yes/no). Returns 0, or -1 (reported). */
int		 ytree_bool(struct ytree *, yaml_node_t *, const char *key,
		    int *out);
/* Number of items of a sequence, or -1 (reported) if it is not one. */
int		 ytree_seq_len(struct ytree *, yaml_node_t *, const char *key);
/* The i-th item of a sequence known to be one. */
yaml_node_t	*ytree_seq_item(struct ytree *, yaml_node_t *, int i);
/*
 * The i-th item of a sequence known to be one, as ytree_str() reads it
 * (NULL, reported, if it is not text); its node in *item if not NULL.
 */
const char	*ytree_seq_str(struct ytree *, yaml_node_t *, int i,
		    const char *key, yaml_node_t **item);

#endif
