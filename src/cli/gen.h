/*
 * gen.h -- the completion scripts and the man page's command sections,
 * written from cmd_table[] (see gen.c). Reached through main.c's hidden
 * options `--generate WHAT` and `--complete exercises`, which the build
 * and the completion scripts use.
 */
#ifndef MIDBACK_GEN_H
#define MIDBACK_GEN_H

#include <stdio.h>

struct catalog;

/*
 * Write what (bash, zsh, fish, man-synopsis or man-options) to f.
 * Returns 0, or -1 for a name it does not know.
 */
int	gen_write(const char *what, FILE *f);
/* Every exercise id of c, one a line. */
void	gen_ids(FILE *f, const struct catalog *c);

#endif
