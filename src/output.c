/*
 * output.c -- shared text and JSON forms of exercises.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "core/figraster.h"
#include "core/utf8.h"
#include "core/date.h"
#include "core/dose.h"
#include "core/xmalloc.h"

const char *
output_stage_name(int stage)
{
	static const char *names[] = {
		"breathing",
		"extension",
		"ribcage and shoulder blades",
		"rotation and side-bending strength"
	};

	return (stage >= 0 && stage <= STAGE_MAX ? names[stage] : "?");
}

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

static json_t *
bits_json(unsigned bits, const struct names *names, const char *empty)
{
	json_t	*a = json_array();
	int	 i;

	for (i = 0; i < names->n; i++)
		if (bits & (1U << i))
			json_array_append_new(a, json_string(names->v[i]));
	if (json_array_size(a) == 0 && empty != NULL)
		json_array_append_new(a, json_string(empty));
	return (a);
}

static json_t *
strlist_json(const struct strlist *l)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return (a);
}

static void
range_json(json_t *o, const char *key, struct range r)
{
	if (r.min != 0)
		json_object_set_new(o, key, json_pack("{s:i,s:i}", "min",
		    r.min, "max", r.max));
}

void
output_time_range(const struct exercise *e, int *lo, int *hi)
{
	struct prescription	rx;
	unsigned		step = 0;

	dose_min(&e->dose, &rx);
	*lo = dose_duration_s(&rx);
	while (dose_grow(&e->dose, &rx, step++))
		;
	*hi = dose_duration_s(&rx);
}

json_t *
output_exercise_json(const struct exercise *e)
{
	json_t	*o, *dose;
	char	 words[128];
	int	 lo, hi;

	dose = json_object();
	range_json(dose, "sets", e->dose.sets);
	range_json(dose, "reps", e->dose.reps);
	range_json(dose, "hold_s", e->dose.hold_s);
	range_json(dose, "breaths", e->dose.breaths);
	json_object_set_new(dose, "per_side", json_boolean(e->dose.per_side));
	if (e->dose.tempo_s != 0)
		json_object_set_new(dose, "tempo_s",
		    json_integer(e->dose.tempo_s));
	if (e->dose.frequency_min != 0)
		json_object_set_new(dose, "frequency_min",
		    json_integer(e->dose.frequency_min));
	dose_describe(&e->dose, words, sizeof words);
	output_time_range(e, &lo, &hi);

	o = json_object();
	json_object_set_new(o, "id", json_string(e->id));
	json_object_set_new(o, "name", json_string(e->name));
	json_object_set_new(o, "kind", json_string(
	    name_of(&catalog_kinds, e->kind)));
	json_object_set_new(o, "stage", json_integer(e->stage));
	json_object_set_new(o, "motions", bits_json(e->motions,
	    &catalog_motions, NULL));
	json_object_set_new(o, "targets", strlist_json(&e->targets));
	json_object_set_new(o, "position", json_string(e->position));
	json_object_set_new(o, "places", bits_json(e->places,
	    &catalog_places, NULL));
	json_object_set_new(o, "equipment", bits_json(e->equipment,
	    &catalog_equips, "none"));
	json_object_set_new(o, "dose", dose);
	json_object_set_new(o, "dose_text", json_string(words));
	json_object_set_new(o, "steps", strlist_json(&e->steps));
	json_object_set_new(o, "cues", strlist_json(&e->cues));
	json_object_set_new(o, "cautions", strlist_json(&e->cautions));
	json_object_set_new(o, "regression", e->regression != NULL ?
	    json_string(e->regression) : json_null());
	json_object_set_new(o, "variants", strlist_json(&e->variants));
	if (e->harder != NULL) {
		json_object_set_new(o, "harder", json_string(e->harder));
		if (e->unlock_after > 0)
			json_object_set_new(o, "unlock_after",
			    json_integer(e->unlock_after));
	}
	json_object_set_new(o, "not_for", bits_json(e->not_for,
	    &catalog_limits, NULL));
	if (e->feel != NULL)
		json_object_set_new(o, "feel", json_string(e->feel));
	json_object_set_new(o, "suits", strlist_json(&e->suits));
	json_object_set_new(o, "why", json_string(e->why));
	json_object_set_new(o, "source", strlist_json(&e->source));
	json_object_set_new(o, "time_s", json_pack("{s:i,s:i}", "min", lo,
	    "max", hi));
	return (o);
}

int
output_json(json_t *j)
{
	int	rc;

	rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	return (rc);
}

json_t *
output_plan_json(const struct plan *p, long day, int minutes)
{
	json_t	*j, *items, *it;
	char	 date[DATE_BUFSZ];
	size_t	 i;

	date_format(day, date);
	items = json_array();
	for (i = 0; i < p->n; i++) {
		const struct plan_item *pi = &p->items[i];

		it = json_object();
		json_object_set_new(it, "id", json_string(pi->ex->id));
		json_object_set_new(it, "name", json_string(pi->ex->name));
		json_object_set_new(it, "stage", json_integer(pi->ex->stage));
		json_object_set_new(it, "sets", json_integer(pi->rx.sets));
		json_object_set_new(it, "reps", json_integer(pi->rx.reps));
		json_object_set_new(it, "hold_s", json_integer(pi->rx.hold_s));
		json_object_set_new(it, "breaths",
		    json_integer(pi->rx.breaths));
		json_object_set_new(it, "per_side",
		    json_boolean(pi->rx.per_side));
		json_object_set_new(it, "duration_s",
		    json_integer(pi->duration_s));
		/* A change of position first, its seconds in duration_s. */
		if (pi->rx.change != CHANGE_NONE)
			json_object_set_new(it, "change", json_string(
			    pi->rx.change == CHANGE_DOWN ? "down" : "up"));
		json_array_append_new(items, it);
	}
	j = json_object();
	json_object_set_new(j, "date", json_string(date));
	json_object_set_new(j, "minutes", json_integer(minutes));
	json_object_set_new(j, "total_s", json_integer(p->total_s));
	json_object_set_new(j, "items", items);
	return (j);
}

json_t *
output_json_text(const char *s)
{
	json_t		*j;
	char		*fixed, *p;
	unsigned	 cp;
	size_t		 n;

	if (s == NULL)
		return (json_null());
	if ((j = json_string(s)) != NULL)
		return (j);
	/*
	 * jansson refuses a string that is not UTF-8, and a record built
	 * from it would silently vanish from the export. Failing the whole
	 * export instead would leave the person with no way to save their
	 * history over a stray byte they cannot edit away; the bytes mean
	 * nothing a reader could recover anyway. So each bad byte becomes
	 * U+FFFD (3 bytes) and everything else is kept as it was.
	 */
	p = fixed = xmalloc(strlen(s) * 3 + 1);
	while (*s != '\0') {
		if ((n = utf8_len(s, &cp)) == 0) {
			memcpy(p, "\xef\xbf\xbd", 3);
			p += 3;
			s++;
			continue;
		}
		memcpy(p, s, n);
		p += n;
		s += n;
	}
	*p = '\0';
	j = json_string(fixed);
	free(fixed);
	return (j != NULL ? j : json_null());
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
		} else if (cp >= 0x80 && cp <= 0x9f) {
			/* C1: some terminals act on these as on ESC [. */
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
	"36", "1;37", "34", "2;33", "32", "2;33", "33", "33", "31", "35"
};

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
	for (k = 0; k < f->npose; k++)
		fprintf(fp, "  (%d) %-*.*s", k + 1, cols - 4, cols - 4,
		    f->pose[k].name);
	fputc('\n', fp);
	free(sc);
	free(cells);
}

/*
 * The catalog names its sources by the file names of the articles it was
 * written from, which mean nothing to a reader: say what each one is.
 * Anything else (general practice, a person's own file) is shown as it
 * is written.
 */
const char *
output_source_words(const char *source)
{
	static const char *const known[][2] = {
		{ "000_a93938ae6ac720a0.txt",
		    "an article on mid-back mobility stretches" },
		{ "001_0efe8dbd1584015e.txt",
		    "an article of stretches from a physiotherapist and "
		    "chiropractors" },
		{ "002_4fc982b00a558878.txt",
		    "an article on easing mid-back tension from desk work" },
	};
	size_t	i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(source, known[i][0]) == 0)
			return (known[i][1]);
	return (source);
}

json_t *
output_json_day(long day)
{
	char	buf[DATE_BUFSZ];

	date_format(day, buf);
	return (json_string(buf));
}
