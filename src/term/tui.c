/*
 * tui.c -- the terminal player's screen.
 *
 * A header with the session's progress, the exercise's name and cue, the
 * phase and a large countdown in the middle, the counters, the progress
 * bars, what comes next, and a line of keys; on a small screen the
 * middle gives up its room in turn (see tui_draw()). Everything is
 * redrawn from the view on every call, so a resize needs nothing but
 * another draw.
 */
/* Before term.h, which defines 'lines' (a member of core/diag.h's). */
#include "core/figraster.h"

#include <curses.h>
#include <term.h>	/* setupterm(); it defines 'lines' and the like */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sys/dynlib.h"
#include "tui.h"

/*
 * ncurses (and its libtinfo) are opened by tui_open() (sys/dynlib.h):
 * only the full-screen player needs them. X(name) for every function
 * and variable used.
 */
#define TUI_CURSES_SYMS(X) \
	X(beep) \
	X(cbreak) \
	X(curs_set) \
	X(del_curterm) \
	X(delscreen) \
	X(endwin) \
	X(has_colors) \
	X(init_pair) \
	X(keypad) \
	X(mvprintw) \
	X(newterm) \
	X(noecho) \
	X(setupterm) \
	X(start_color) \
	X(tigetstr) \
	X(use_default_colors) \
	X(waddch) \
	X(waddnstr) \
	X(wattr_off) \
	X(wattr_on) \
	X(werase) \
	X(wgetch) \
	X(whline) \
	X(wmove) \
	X(wrefresh) \
	X(wtimeout) \
	X(stdscr) \
	X(COLS) \
	X(LINES) \
	X(cur_term)

TUI_CURSES_SYMS(DYNLIB_DECLARE)
DYNLIB_LIBRARY(tui_curses, "libncursesw.so.6", TUI_CURSES_SYMS);

#define beep	(*dl_beep)
#define cbreak	(*dl_cbreak)
#define curs_set	(*dl_curs_set)
#define del_curterm	(*dl_del_curterm)
#define delscreen	(*dl_delscreen)
#define endwin	(*dl_endwin)
#define has_colors	(*dl_has_colors)
#define init_pair	(*dl_init_pair)
#define keypad	(*dl_keypad)
#define mvprintw	(*dl_mvprintw)
#define newterm	(*dl_newterm)
#define noecho	(*dl_noecho)
#define setupterm	(*dl_setupterm)
#define start_color	(*dl_start_color)
#define tigetstr	(*dl_tigetstr)
#define use_default_colors	(*dl_use_default_colors)
#define waddch	(*dl_waddch)
#define waddnstr	(*dl_waddnstr)
#define wattr_off	(*dl_wattr_off)
#define wattr_on	(*dl_wattr_on)
#define werase	(*dl_werase)
#define wgetch	(*dl_wgetch)
#define whline	(*dl_whline)
#define wmove	(*dl_wmove)
#define wrefresh	(*dl_wrefresh)
#define wtimeout	(*dl_wtimeout)
#define stdscr	(*dl_stdscr)
#define COLS	(*dl_COLS)
#define LINES	(*dl_LINES)
#define cur_term	(*dl_cur_term)

static int			tui_active;
static SCREEN			*tui_screen;
static int			tui_utf8;	/* braille can be drawn */
static int			tui_colour;	/* colours, NO_COLOR unset */

/* The rows and columns the centred text has: beside the figure, or all. */
static int			tx0, tw;
static volatile sig_atomic_t	tui_sigint;

/* The large digits: 3 columns by 5 rows of #. */
static const char *big_digits[11][5] = {
	{ "###", "# #", "# #", "# #", "###" },
	{ "  #", "  #", "  #", "  #", "  #" },
	{ "###", "  #", "###", "#  ", "###" },
	{ "###", "  #", "###", "  #", "###" },
	{ "# #", "# #", "###", "  #", "  #" },
	{ "###", "#  ", "###", "  #", "###" },
	{ "###", "#  ", "###", "# #", "###" },
	{ "###", "  #", "  #", "  #", "  #" },
	{ "###", "# #", "###", "# #", "###" },
	{ "###", "# #", "###", "  #", "###" },
	{ "   ", " # ", "   ", " # ", "   " },	/* colon */
};

static void
on_interrupt(int sig)
{
	(void)sig;
	tui_sigint = 1;
}

/*
 * A crash must not leave the terminal raw: put it back, then die of the
 * same signal. endwin() is not async-signal-safe, but the process is
 * ending either way and a usable terminal is worth the risk.
 */
static void
on_crash(int sig)
{
	if (tui_active)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

int
tui_open(void)
{
	struct sigaction	 sa;
	const char		*nc;
	char			*cup;
	char			*cause;
	int			 err;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return (-1);
	/* Without the library, the plain player takes over. */
	if (dynlib_open(&tui_curses, NULL, &cause) != 0) {
		free(cause);
		return (-1);
	}
	/*
	 * Not initscr(): on a terminal it does not know (TERM=unknown) it
	 * prints an error and exits, with the session already begun and the
	 * plain fallback never reached. setupterm() with somewhere to put
	 * the error returns it instead (and, unlike a failed newterm(),
	 * frees what it took). A terminal that cannot move the cursor
	 * (TERM=dumb) cannot show this screen either.
	 */
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return (-1);
	/* The figure is braille: only where the characters are UTF-8. */
	if (setlocale(LC_CTYPE, "") != NULL) {
		const char *cs = nl_langinfo(CODESET);

		tui_utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
		    strcmp(cs, "utf8") == 0);
	}
	cup = tigetstr("cup");
	del_curterm(cur_term);
	if (cup == NULL || cup == (char *)-1)
		return (-1);
	if ((tui_screen = newterm(NULL, stdout, stdin)) == NULL)
		return (-1);
	tui_active = 1;
	atexit(tui_close);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	/* No colour under NO_COLOR (https://no-color.org). */
	nc = getenv("NO_COLOR");
	if (has_colors() && (nc == NULL || *nc == '\0')) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_CYAN, -1);
		init_pair(2, COLOR_GREEN, -1);
		init_pair(3, COLOR_YELLOW, -1);
		/* The figure: body, limbs, props. */
		init_pair(4, COLOR_CYAN, -1);
		init_pair(5, COLOR_BLUE, -1);
		init_pair(6, COLOR_YELLOW, -1);
		init_pair(7, COLOR_RED, -1);
		tui_colour = 1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	return (0);
}

void
tui_close(void)
{
	if (!tui_active)
		return;
	tui_active = 0;
	curs_set(1);
	endwin();
	delscreen(tui_screen);
	tui_screen = NULL;
}

int
tui_interrupted(void)
{
	int	was = tui_sigint;

	tui_sigint = 0;
	return (was);
}

void
tui_bell(void)
{
	if (tui_active)
		beep();
}

/*
 * The columns s takes in its first n bytes: one per character. The
 * texts are the catalog's, in languages without double-width letters.
 */
static int
text_cols(const char *s, size_t n)
{
	size_t	i;
	int	c = 0;

	for (i = 0; i < n && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return (c);
}

/* Lines of a text broken to a width; each borrows from the text. */
#define TUI_WRAP_MAX	8
struct wrapped {
	const char	*line[TUI_WRAP_MAX];
	int		 len[TUI_WRAP_MAX];	/* bytes */
	int		 n;
};

/*
 * Break s into at most max lines of at most width columns: at its
 * newlines, and otherwise between words, so a cue is never cut inside
 * one; a word longer than a whole line is the only thing cut.
 */
static void
wrap(const char *s, int width, int max, struct wrapped *w)
{
	const char	*p, *end, *next, *space;
	int		 c;

	w->n = 0;
	if (s == NULL || width < 1)
		return;
	if (max > TUI_WRAP_MAX)
		max = TUI_WRAP_MAX;
	while (*s != '\0' && w->n < max) {
		space = NULL;
		c = 0;
		for (p = s; *p != '\0' && *p != '\n'; p++) {
			if (((unsigned char)*p & 0xc0) != 0x80 && c++ == width)
				break;
			if (*p == ' ')
				space = p;
		}
		if (*p == '\0' || *p == '\n') {
			end = p;
			next = *p == '\n' ? p + 1 : p;
		} else if (*p == ' ')
			end = next = p;
		else if (space != NULL && space > s)
			end = next = space;
		else
			end = next = p;
		while (end > s && end[-1] == ' ')
			end--;
		w->line[w->n] = s;
		w->len[w->n] = (int)(end - s);
		w->n++;
		/* Spaces where a line was broken start no line. */
		if (*p != '\0' && *p != '\n')
			while (*next == ' ')
				next++;
		s = next;
	}
}

/* The bytes of s's first len that fit in width columns. */
static int
fit_bytes(const char *s, int len, int width)
{
	int	n = 0, c = 0;

	while (n < len && s[n] != '\0') {
		if (((unsigned char)s[n] & 0xc0) != 0x80 && c++ == width)
			break;
		n++;
	}
	return (n);
}

/* len bytes of s centred on row y, cut to the screen's width. */
static void
center_n(int y, const char *s, int len, int attr)
{
	int	x;

	len = fit_bytes(s, len, tw);
	x = (tw - text_cols(s, (size_t)len)) / 2;
	if (x < 0)
		x = 0;
	x += tx0;
	attron(attr);
	mvaddnstr(y, x, s, len);
	attroff(attr);
}

/* Draw the wrapped lines centred from row y; returns the row after. */
static int
center_wrapped(int y, const struct wrapped *w, int attr)
{
	int	i;

	for (i = 0; i < w->n; i++)
		center_n(y++, w->line[i], w->len[i], attr);
	return (y);
}

/* s on one row, cut to width columns at most. */
static void
put_cut(int y, int x, const char *s, int width)
{
	mvaddnstr(y, x, s, fit_bytes(s, (int)strlen(s), width));
}

static void
bar(int y, const char *label, double frac)
{
	int	width, fill, i;

	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	/* " label   [" and "]": 11 columns, and one to spare. */
	if ((width = COLS - 14) < 1)
		return;
	fill = (int)(frac * width + 0.5);
	mvprintw(y, 1, "%-8s", label);
	addch('[');
	for (i = 0; i < width; i++)
		addch(i < fill ? ('=' | A_BOLD) : ' ');
	addch(']');
}

/* The rows and the columns the large countdown takes. */
#define BIG_ROWS	5
#define BIG_COLS(len)	((len) * 4 - 1)

static void
big_clock(int y, const char *text)
{
	int	len, x0, row, i, col, d;

	len = (int)strlen(text);
	x0 = (tw - BIG_COLS(len)) / 2;
	if (x0 < 0)
		x0 = 0;
	x0 += tx0;
	for (row = 0; row < BIG_ROWS; row++) {
		for (i = 0; i < len; i++) {
			d = text[i] == ':' ? 10 : text[i] - '0';
			for (col = 0; col < 3; col++) {
				move(y + row, x0 + i * 4 + col);
				addch(big_digits[d][row][col] == '#' ?
				    ('#' | A_BOLD) : ' ');
			}
		}
	}
}

/* The keys the help lists: the key, and what it does. */
static const char *const help_keys[][2] = {
	{ "space", "pause or go on" },
	{ "n, ->", "next exercise" },
	{ "p, <-", "back: restart this one, or the one before" },
	{ "x", "sharp pain, tingling, burning or numbness: stop this "
	    "exercise now" },
	{ "q", "quit (asks first)" },
	{ "?", "close this help" },
};
#define HELP_N		(sizeof help_keys / sizeof help_keys[0])
#define HELP_KEY_COLS	7	/* "space  " */
#define HELP_COLS	60

/* The help's rows at this width, its heading included. */
static int
help_rows(int width)
{
	struct wrapped	w;
	size_t		i;
	int		rows = 1;

	for (i = 0; i < HELP_N; i++) {
		wrap(help_keys[i][1], width - HELP_KEY_COLS - 1,
		    TUI_WRAP_MAX, &w);
		rows += w.n;
	}
	return (rows);
}

/*
 * The help, from row top to no lower than row last: in place of the
 * countdown and what follows it, never drawn over them. The heading
 * carries the phase and the time, which it hides.
 */
static void
draw_help(int top, int last, const char *phase)
{
	struct wrapped	w;
	char		head[192];
	size_t		i;
	int		width, left, y = top, j;

	width = COLS - 2 < HELP_COLS ? COLS - 2 : HELP_COLS;
	left = (COLS - width) / 2;
	snprintf(head, sizeof head, " Keys%s%s", phase[0] != '\0' ? "   " :
	    "", phase);
	attron(A_REVERSE);
	mvhline(y, left, ' ', width);
	put_cut(y++, left, head, width);
	attroff(A_REVERSE);
	for (i = 0; i < HELP_N && y <= last; i++) {
		mvaddstr(y, left + 1, help_keys[i][0]);
		wrap(help_keys[i][1], width - HELP_KEY_COLS - 1,
		    TUI_WRAP_MAX, &w);
		for (j = 0; j < w.n && y <= last; j++)
			mvaddnstr(y++, left + 1 + HELP_KEY_COLS, w.line[j],
			    w.len[j]);
	}
}

int
tui_shows_figure(void)
{
	return (tui_active && tui_utf8 && COLS >= TUI_FIGURE_COLS &&
	    LINES >= TUI_FIGURE_LINES);
}

/* The attributes of a figure cell's style. */
static int
figure_attr(int style)
{
	switch (style) {
	case FS_BODY:
		return (tui_colour ? COLOR_PAIR(4) : 0);
	case FS_BLADE:
		return (A_BOLD | (tui_colour ? COLOR_PAIR(4) : 0));
	case FS_NEAR:
		return (A_BOLD | (tui_colour ? COLOR_PAIR(4) : 0));
	case FS_FAR:
		return (tui_colour ? COLOR_PAIR(5) : A_DIM);
	case FS_CHAIR:
	case FS_DOOR:
	case FS_BELL:
		return (tui_colour ? COLOR_PAIR(6) : A_DIM);
	case FS_BAND:
		return (tui_colour ? COLOR_PAIR(7) : 0);
	default:
		return (A_DIM);
	}
}

/* The figure's widest columns, and how many it takes for rows. */
#define FIGURE_COLS_MAX	44

static int
figure_cols(const struct fig_box *bx, int rows, int most)
{
	double	w = bx->x1 - bx->x0, h = bx->y1 - bx->y0;
	int	c;

	/* A cell is 2 x 4 dots, and about twice as tall as it is wide. */
	c = h > 0 ? (int)(rows * 4.0 * w / h / 2.0 + 0.999) : most;
	if (c > most)
		c = most;
	return (c < 8 ? 8 : c);
}

/* The figure in rows top to top + rows - 1, columns x to x + cols - 1. */
static void
draw_figure(const struct tui_view *v, int top, int x, int cols, int rows)
{
	struct fig_cell	cells[FIGURE_COLS_MAX * 64];
	char		ch[4];
	int		r, c, attr;

	if (rows > 64)
		rows = 64;
	if (cols > FIGURE_COLS_MAX)
		cols = FIGURE_COLS_MAX;
	fig_raster(v->figure, v->figure_frame, cols, rows, cells);
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			const struct fig_cell *cell = &cells[r * cols + c];

			if (cell->dots == 0)
				continue;
			fig_cell_utf8(cell, ch);
			attr = figure_attr(cell->style);
			attron(attr);
			mvaddstr(top + r, x + c, ch);
			attroff(attr);
		}
}

/*
 * The layout, from the top: the header; the title, the cue, the phase,
 * the countdown, the counters and a prompt; from the bottom: the keys,
 * a status line, what comes next and the two progress bars. The bottom
 * rows are fixed; the middle gets what is left and gives up, in turn,
 * its blank rows, the large digits (the time then follows the phase on
 * its line) and the cue's lines, so nothing is drawn over anything. At
 * 80x24 and up the rows are: header 0, title 2, cue 3, phase 5, digits 7
 * to 11, counters 13, prompt 14, bars LINES-6 and LINES-5.
 */
void
tui_draw(const struct tui_view *v)
{
	struct wrapped	 cue, counters, prompt;
	const char	*keys, *what;
	char		 head[128], clock[16], phase[160];
	long		 secs = v->remaining_s;
	int		 width, bars, last, rows, spare, big, y, g[4];
	int		 fcols = 0;

	erase();
	tx0 = 0;
	tw = COLS;
	snprintf(head, sizeof head, " midback  exercise %d of %d", v->index,
	    v->count);
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	put_cut(0, 0, head, COLS);
	attroff(A_REVERSE);

	/* The bottom rows; a blank above "next" when there is room. */
	bars = LINES >= 20 ? LINES - 6 : LINES - 5;
	last = bars - 1;
	/*
	 * The figure, on the left from row 2 to the last row above the
	 * bars, where the screen is large enough; the text is centred in
	 * the columns to its right. Not with the help, which needs them.
	 */
	if (v->figure != NULL && v->figure_frame != NULL && !v->help &&
	    tui_shows_figure()) {
		fcols = figure_cols(v->figure_frame, last - 1,
		    COLS * 2 / 5 < FIGURE_COLS_MAX ? COLS * 2 / 5 :
		    FIGURE_COLS_MAX);
		draw_figure(v, 2, 2, fcols, last - 1);
		tx0 = fcols + 3;
		tw = COLS - tx0 - 1;
	}
	width = tw - 2 > 0 ? tw - 2 : 1;
	if (secs > 99 * 60 + 59)
		secs = 99 * 60 + 59;
	clock[0] = '\0';
	if (secs >= 0)
		snprintf(clock, sizeof clock, "%ld:%02ld", secs / 60,
		    secs % 60);
	what = v->paused ? "Paused: space to go on" : v->phase != NULL ?
	    v->phase : "";

	wrap(v->cue, width, 3, &cue);
	wrap(v->counters, width, 2, &counters);
	wrap(v->prompt, width, 4, &prompt);
	if (v->help) {
		/* The help stands in for the countdown, counters, prompt. */
		counters.n = prompt.n = 0;
		rows = help_rows(COLS - 2 < HELP_COLS ? COLS - 2 : HELP_COLS);
		if (2 + cue.n + rows > last)
			cue.n = 0;
		if (2 + rows > last) {
			/* Over the bars too, but never over the keys. */
			last = LINES - 2;
			bars = -1;
		}
		y = 1;
		if (2 + cue.n + rows <= last && v->title != NULL) {
			y += (2 + cue.n + rows < last);
			center_n(y++, v->title, (int)strlen(v->title),
			    A_BOLD | COLOR_PAIR(1));
			y = center_wrapped(y, &cue, 0);
		}
		snprintf(phase, sizeof phase, "%s%s%s", what,
		    what[0] != '\0' && clock[0] != '\0' ? "  " : "", clock);
		draw_help(y + (y + rows <= last), last, phase);
		goto bottom;
	}

	/* What must show: the title, the phase, the counters, a prompt. */
	rows = 2 + counters.n + prompt.n;
	while (rows + cue.n > last && cue.n > 0)
		cue.n--;
	while (rows > last && prompt.n > 1) {
		prompt.n--;
		rows--;
	}
	rows += cue.n;
	spare = last - rows;
	big = clock[0] != '\0' && spare >= BIG_ROWS &&
	    BIG_COLS((int)strlen(clock)) <= tw;
	if (big)
		spare -= BIG_ROWS;
	/* Blank rows: before the phase, after the digits, then the rest. */
	memset(g, 0, sizeof g);
	if (spare > 0) {
		g[1] = 1;
		spare--;
	}
	if (big && spare > 0) {
		g[3] = 1;
		spare--;
	}
	if (big && spare > 0) {
		g[2] = 1;
		spare--;
	}
	if (spare > 0)
		g[0] = 1;

	y = 1 + g[0];
	if (v->title != NULL)
		center_n(y, v->title, (int)strlen(v->title),
		    A_BOLD | COLOR_PAIR(1));
	y = center_wrapped(y + 1, &cue, 0) + g[1];
	if (big)
		snprintf(phase, sizeof phase, "%s", what);
	else
		snprintf(phase, sizeof phase, "%s%s%s", what,
		    what[0] != '\0' && clock[0] != '\0' ? "  " : "", clock);
	center_n(y++, phase, (int)strlen(phase), A_BOLD |
	    COLOR_PAIR(v->paused ? 3 : 2));
	if (big) {
		big_clock(y + g[2], clock);
		y += g[2] + BIG_ROWS + g[3];
	}
	y = center_wrapped(y, &counters, 0);
	center_wrapped(y, &prompt, A_BOLD | COLOR_PAIR(3));

bottom:
	if (bars >= 1) {
		bar(bars, "exercise", v->exercise_frac);
		bar(bars + 1, "session", v->session_frac);
		if (v->next != NULL)
			put_cut(LINES - 3, 1, v->next, COLS - 2);
		if (v->status != NULL)
			put_cut(LINES - 2, 1, v->status, COLS - 2);
	}
	/* The short list where the whole one does not fit. */
	keys = "space pause  n next  p back  x it hurts  q quit  ? help";
	if ((int)strlen(keys) > COLS - 2)
		keys = "space pause  n next  x hurts  ? help";
	attron(A_DIM);
	put_cut(LINES - 1, 1, keys, COLS - 2);
	attroff(A_DIM);
	refresh();
}

enum tui_key
tui_key(int timeout_ms, int in_prompt, int *digit)
{
	int	c;

	timeout(timeout_ms);
	c = getch();
	switch (c) {
	case ERR:
		return (TUI_KEY_NONE);
	case ' ':
		return (TUI_KEY_PAUSE);
	case 'n':
	case 'N':
		return (in_prompt ? TUI_KEY_NO : TUI_KEY_NEXT);
	case KEY_RIGHT:
		return (TUI_KEY_NEXT);
	case 'p':
	case 'P':
	case KEY_LEFT:
		return (TUI_KEY_BACK);
	case 'q':
	case 'Q':
		return (TUI_KEY_QUIT);
	case '?':
		return (TUI_KEY_HELP);
	case 'x':
	case 'X':
		return (TUI_KEY_HURT);
	case 'y':
	case 'Y':
		return (TUI_KEY_YES);
	case KEY_RESIZE:
		return (TUI_KEY_RESIZE);
	default:
		if (c >= '1' && c <= '9') {
			*digit = c - '0';
			return (TUI_KEY_DIGIT);
		}
		return (TUI_KEY_OTHER);
	}
}
