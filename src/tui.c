/*
 * tui.c -- the terminal player's screen.
 *
 * Layout at 80x24 and up: a header with the session's progress, the
 * exercise's name and cue, the phase and a large countdown in the middle,
 * the counters, the exercise's progress bar, what comes next, and a line
 * of keys. Everything is redrawn from the view on every call, so a resize
 * needs nothing but another draw.
 */
#include <curses.h>
#include <term.h>	/* setupterm(); it defines 'lines' and the like */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui.h"

static int			tui_active;
static SCREEN			*tui_screen;
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
	char			*cup;
	int			 err;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return (-1);
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
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_CYAN, -1);
		init_pair(2, COLOR_GREEN, -1);
		init_pair(3, COLOR_YELLOW, -1);
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

static void
center(int y, const char *s, int attr)
{
	int	len = (int)strlen(s), x;

	x = (COLS - len) / 2;
	if (x < 0)
		x = 0;
	attron(attr);
	mvaddnstr(y, x, s, COLS);
	attroff(attr);
}

static void
bar(int y, const char *label, double frac)
{
	int	width, fill, i;

	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	width = COLS - 14;
	if (width < 10)
		width = 10;
	fill = (int)(frac * width + 0.5);
	mvprintw(y, 1, "%-8s", label);
	addch('[');
	for (i = 0; i < width; i++)
		addch(i < fill ? ('=' | A_BOLD) : ' ');
	addch(']');
}

static void
big_clock(int y, long secs)
{
	char	text[32];
	int	len, x0, row, i, col;

	if (secs < 0)
		return;
	if (secs > 99 * 60 + 59)
		secs = 99 * 60 + 59;
	snprintf(text, sizeof text, "%ld:%02ld", secs / 60, secs % 60);
	len = (int)strlen(text);
	x0 = (COLS - len * 4) / 2;
	if (x0 < 0)
		x0 = 0;
	for (row = 0; row < 5; row++) {
		for (i = 0; i < len; i++) {
			int d = text[i] == ':' ? 10 : text[i] - '0';

			for (col = 0; col < 3; col++) {
				move(y + row, x0 + i * 4 + col);
				addch(big_digits[d][row][col] == '#' ?
				    ('#' | A_BOLD) : ' ');
			}
		}
	}
}

void
tui_draw(const struct tui_view *v)
{
	char	head[128];
	int	y;

	erase();
	snprintf(head, sizeof head, " midback  exercise %d of %d", v->index,
	    v->count);
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	mvaddnstr(0, 0, head, COLS);
	attroff(A_REVERSE);
	y = 2;
	if (v->title != NULL)
		center(y, v->title, A_BOLD | COLOR_PAIR(1));
	if (v->cue != NULL)
		center(y + 1, v->cue, 0);
	if (v->phase != NULL)
		center(y + 3, v->phase, A_BOLD | COLOR_PAIR(2));
	if (v->paused)
		center(y + 3, "Paused: space to go on", A_BOLD | COLOR_PAIR(3));
	big_clock(y + 5, v->remaining_s);
	if (v->counters != NULL)
		center(y + 11, v->counters, 0);
	if (v->prompt != NULL) {
		char	 line[256], *nl;
		int	 row = y + 12;
		const char *s = v->prompt;

		/* One centred line per line of the prompt. */
		while (*s != '\0') {
			snprintf(line, sizeof line, "%s", s);
			if ((nl = strchr(line, '\n')) != NULL)
				*nl = '\0';
			center(row++, line, A_BOLD | COLOR_PAIR(3));
			s += strlen(line);
			if (*s == '\n')
				s++;
		}
	}
	bar(LINES - 6, "exercise", v->exercise_frac);
	bar(LINES - 5, "session", v->session_frac);
	if (v->next != NULL)
		mvaddnstr(LINES - 3, 1, v->next, COLS - 2);
	if (v->status != NULL)
		mvaddnstr(LINES - 2, 1, v->status, COLS - 2);
	attron(A_DIM);
	mvaddnstr(LINES - 1, 1, "space pause  n next  p back  x it hurts  "
	    "q quit  ? help", COLS - 2);
	attroff(A_DIM);
	if (v->help) {
		static const char *keys[] = {
			"space  pause or go on",
			"n, ->  next exercise",
			"p, <-  back: restart this one, or the one before",
			"x      sharp pain, tingling, burning or numbness:",
			"       stop this exercise now",
			"q      quit (asks first)",
			"?      close this help",
		};
		int i, w = 54, h = (int)(sizeof keys / sizeof keys[0]) + 2;
		int top = (LINES - h) / 2, left = (COLS - w) / 2;

		for (i = 0; i < h; i++)
			mvhline(top + i, left, ' ', w);
		attron(A_REVERSE);
		mvhline(top, left, ' ', w);
		mvaddstr(top, left + 2, "Keys");
		attroff(A_REVERSE);
		for (i = 0; i < h - 2; i++)
			mvaddstr(top + 1 + i, left + 2, keys[i]);
	}
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
