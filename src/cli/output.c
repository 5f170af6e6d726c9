/*
 * Whether cp is a bidirectional control: the embeddings and overrides
 * (U+202A to U+202E), the isolates (U+2066 to U+2069), and the marks
 * (U+200E, U+200F, U+061C).
 */
static int
output_bidi(unsigned cp)
{
	return ((cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f ||
	    cp == 0x061c);
}

/*
 * output.c -- shared text and JSON forms of exercises.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/output.h"
#include "coach/doc.h"
#include "core/figraster.h"
#include "core/utf8.h"
#include "core/date.h"
#include "core/dose.h"
#include "core/xmalloc.h"

void
output_clock(int s, char *buf, size_t len)
{
	snprintf(buf, len, "%d:%02d", s / 60, s % 60);
}

char *
output_bits(unsigned bits, const struct names *names)
{
	char	*s = NULL, *t;
	int	 i;

	for (i = 0; i < names->n; i++) {
		if (!(bits & (1U << i)))
			continue;
		t = xasprintf("%s%s%s", s ? s : "", s ? ", " : "",
		    names->v[i]);
		free(s);
		s = t;
	}
	return (s != NULL ? s : xstrdup("none"));
}

int
output_json(json_t *j)
{
	char	*s;
	int	 rc;

	/* The one form of a document (coach/doc.h), as the API sends it. */
	if ((s = doc_text(j)) == NULL)
		return (-1);
	rc = fputs(s, stdout) == EOF ? -1 : 0;
	free(s);
	return (rc);
}

char *
output_safe(const char *s)
{
	char		*out, *p;
	unsigned	 cp;
	size_t		 n;

	/* The worst case: every byte as \xNN. */
	p = out = xmalloc(strlen(s) * 4 + 1);
	while (*s != '\0') {
		n = utf8_len(s, &cp);
		if (n == 0)
			p += sprintf(p, "\\x%02x", (unsigned char)*s++);
		else if (cp == '\n' || cp == '\t' || cp == '\r') {
			p += sprintf(p, "\\%c", cp == '\n' ? 'n' :
			    cp == '\t' ? 't' : 'r');
			s++;
		} else if (cp < 0x20 || cp == 0x7f) {
			p += sprintf(p, "\\x%02x", cp);
			s++;
		} else if ((cp >= 0x80 && cp <= 0x9f) || output_bidi(cp)) {
			/*
			 * C1: some terminals act on these as on ESC [. A
			 * bidirectional control reorders what follows it on
			 * the line, so a note could make the rest of the line
			 * read as something else.
			 */
			p += sprintf(p, "\\u%04x", cp);
			s += n;
		} else {
			memcpy(p, s, n);
			p += n;
			s += n;
		}
	}
	*p = '\0';
	return (out);
}

int
output_colour(void)
{
	const char	*nc = getenv("NO_COLOR"), *term = getenv("TERM");

	return (isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0));
}

int
output_utf8(void)
{
	const char	*cs;

	if (setlocale(LC_CTYPE, "") == NULL)
		return (0);
	cs = nl_langinfo(CODESET);
	return (cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0));
}

/* ANSI colours of the figure's styles (see figure.h). */
static const char *const figure_sgr[FS_COUNT] = {
	"36", "1;37", "34", "2;33", "32", "2;33", "33", "33", "31", "35",
	"1;36"
};

int
output_width(void)
{
	struct winsize	 ws;
	const char	*c = getenv("COLUMNS");
	int		 n;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return (ws.ws_col);
	if (c != NULL && (n = atoi(c)) > 0)
		return (n);
	return (OUTPUT_WIDTH_DEFAULT);
}

/* How much of s fits in w columns, broken at a space where it can be. */
static int
label_line(const char *s, int w)
{
	int	n = (int)strlen(s), i;

	if (w < 1)
		w = 1;
	if (n <= w)
		return (n);
	for (i = w; i > 0 && s[i] != ' '; i--)
		;
	if (i > 0)
		return (i);
	/* One word longer than the line: whole, never cut mid-letter. */
	for (i = 0; s[i] != '\0' && s[i] != ' '; i++)
		;
	return (i);
}

void
output_figure(FILE *fp, const struct exercise *x, int cols, int rows,
    int colour)
{
	const struct fig_spec	*f = x->figure;
	struct fig_cell		*cells;
	struct fig_scene	*sc;
	struct fig_angles	 a;
	struct fig_body		 b, ref;
	struct fig_box		 bx;
	char			 ch[4];
	int			 k, r, c, last;

	if (f == NULL)
		return;
	cells = xcalloc((size_t)f->npose * cols * rows, sizeof *cells);
	sc = xmalloc(sizeof *sc);
	fig_frame(f, f->camera, &bx);
	fig_prop_ref(f, &ref);
	for (k = 0; k < f->npose; k++) {
		fig_keyframe(f, k, 0, &a);
		fig_solve(f, &a, &b);
		fig_scene(f, &b, &ref, 0, f->camera, sc);
		fig_raster(sc, &bx, cols, rows, cells + (size_t)k * cols * rows);
	}
	for (r = 0; r < rows; r++) {
		for (k = 0; k < f->npose; k++) {
			last = -1;
			fputs(k ? "  " : "  ", fp);
			for (c = 0; c < cols; c++) {
				const struct fig_cell *cl =
				    &cells[(size_t)k * cols * rows + r * cols + c];

				if (colour && cl->style != last) {
					if (cl->style == FIG_CELL_EMPTY)
						fputs("\033[0m", fp);
					else
						fprintf(fp, "\033[0;%sm",
						    figure_sgr[cl->style]);
					last = cl->style;
				}
				fig_cell_utf8(cl, ch);
				fputs(ch, fp);
			}
			if (colour && last != FIG_CELL_EMPTY && last != -1)
				fputs("\033[0m", fp);
		}
		/* No blanks at the end of a line. */
		fputc('\n', fp);
	}
	/* The keyframes' names under them, wrapped, never cut. */
	{
		const char	*at[FIG_POSES_MAX];
		int		 more = 1, first = 1, n, pad, w = cols;

		for (k = 0; k < f->npose; k++)
			at[k] = f->pose[k].name;
		while (more) {
			more = 0;
			for (k = 0; k < f->npose; k++) {
				char lead[16] = "";

				if (first)
					snprintf(lead, sizeof lead, "(%d) ",
					    k + 1);
				n = label_line(at[k], w - (int)strlen(lead));
				/* No blanks at the end of a line. */
				pad = k + 1 < f->npose ?
				    w - (int)strlen(lead) - n : 0;
				fprintf(fp, "  %s%.*s%*s", lead, n, at[k],
				    pad > 0 ? pad : 0, "");
				at[k] += n;
				while (*at[k] == ' ')
					at[k]++;
				more |= *at[k] != '\0';
			}
			fputc('\n', fp);
			first = 0;
		}
	}
	free(sc);
	free(cells);
}
