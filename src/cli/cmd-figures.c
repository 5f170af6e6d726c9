/*
 * cmd-figures.c -- write every exercise's figure as SVG into a folder:
 * the animation (ID.svg), a still of each keyframe (ID-N.svg), a contact
 * sheet of all the stills (contact-sheet.svg) and an index.html that
 * shows them together.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "commands.h"
#include "core/figsvg.h"
#include "core/xmalloc.h"
#include "sys/fileio.h"

static int
write_file(const struct cmd_entry *e, const char *dir, const char *name,
    const char *text)
{
	char	*path, *err = NULL;
	int	 rc;

	path = xasprintf("%s/%s", dir, name);
	rc = file_write_atomic(path, text, strlen(text), 0644, &err);
	if (rc != 0) {
		cmd_warn(e, "%s", err);
		free(err);
	}
	free(path);
	return (rc);
}

/* Text for HTML: the catalog's names may hold & or <. */
static void
html_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else
			fputc(*s, f);
	}
}

enum cmd_retval
cmd_figures_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	const struct catalog	*c = ctx->catalog;
	const struct exercise	*x;
	struct figsvg_opts	 o;
	const char		*dir = cmd_get(args, 'o');
	char			*svg, *name, *html = NULL, *err = NULL, *probe;
	size_t			 i, hlen = 0, shown = 0;
	FILE			*h;
	int			 k, bad = 0;

	if (dir == NULL) {
		cmd_warn(e, "where to? (--output DIR)");
		return (cmd_usage(e));
	}
	probe = xasprintf("%s/index.html", dir);
	if (file_mkdirs(probe, &err) != 0) {
		cmd_warn(e, "%s", err);
		free(err);
		free(probe);
		return (CMD_ERROR);
	}
	free(probe);
	if ((h = open_memstream(&html, &hlen)) == NULL) {
		cmd_warn(e, "out of memory");
		return (CMD_ERROR);
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	    "<title>midback: the exercises</title><style>"
	    "body{font:15px sans-serif;margin:1em 2em;color:#26323f}"
	    "section{display:flex;gap:1em;align-items:flex-end;"
	    "border-top:1px solid #ddd;padding:.5em 0}"
	    "figure{margin:0;text-align:center}"
	    "img{height:180px;width:auto}"
	    "figure.anim img{height:240px}"
	    "figcaption{font-size:13px}</style></head><body>\n"
	    "<h1>The exercises</h1>\n", h);
	for (i = 0; i < c->n && !bad; i++) {
		x = &c->ex[i];
		if (x->figure == NULL)
			continue;
		shown++;
		o = (struct figsvg_opts)FIGSVG_OPTS_INIT;
		o.both_sides = x->dose.per_side;
		svg = figure_svg(x, &o);
		name = xasprintf("%s.svg", x->id);
		bad |= write_file(e, dir, name, svg) != 0;
		free(name);
		free(svg);
		fprintf(h, "<h2 id=\"%s\">", x->id);
		html_text(h, x->name);
		fprintf(h, "</h2>\n<section><figure class=\"anim\"><img src=\""
		    "%s.svg\" alt=\"\"><figcaption>moving</figcaption>"
		    "</figure>", x->id);
		for (k = 0; k < x->figure->npose && !bad; k++) {
			o.pose = k;
			svg = figure_svg(x, &o);
			name = xasprintf("%s-%d.svg", x->id, k + 1);
			bad |= write_file(e, dir, name, svg) != 0;
			fprintf(h, "<figure><img src=\"%s\" alt=\"\">"
			    "<figcaption>%d. ", name, k + 1);
			html_text(h, x->figure->pose[k].name);
			fputs("</figcaption></figure>", h);
			free(name);
			free(svg);
		}
		fputs("</section>\n", h);
	}
	fputs("</body></html>\n", h);
	fclose(h);
	if (!bad) {
		svg = figure_sheet_svg(c);
		bad |= write_file(e, dir, "contact-sheet.svg", svg) != 0;
		free(svg);
	}
	if (!bad)
		bad |= write_file(e, dir, "index.html", html) != 0;
	free(html);
	if (bad)
		return (CMD_ERROR);
	printf("%s: %zu exercise%s, index.html and contact-sheet.svg\n", dir,
	    shown, shown == 1 ? "" : "s");
	return (CMD_OK);
}
