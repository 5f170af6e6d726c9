/*
 * tui.h -- the terminal player's screen (ncursesw): draws what the session
 * is doing and reads keys. It knows nothing of the session itself; the
 * start command fills a struct tui_view and calls tui_draw().
 */
#ifndef MIDBACK_TUI_H
#define MIDBACK_TUI_H

struct fig_scene;
struct fig_box;

/* What the screen shows; every string is borrowed for one draw. */
struct tui_view {
	const char	*title;		/* the exercise's name */
	const char	*cue;		/* one line: how to do it well */
	const char	*phase;		/* "Hold", "Inhale", "Rest", ... */
	const char	*counters;	/* "rep 4/10, set 2/3, left side" */
	const char	*next;		/* "Next: Open book", or NULL */
	const char	*prompt;	/* a question waiting for a key, or NULL;
					   may hold a newline */
	const char	*status;	/* a line at the bottom, or NULL */
	long		 remaining_s;	/* the big countdown; -1 for none */
	double		 exercise_frac;	/* 0..1 */
	double		 session_frac;	/* 0..1 */
	int		 index;		/* 1-based exercise number */
	int		 count;		/* exercises in the session */
	int		 paused;
	int		 help;		/* show the key help */
	/*
	 * The exercise's figure at this moment, and the box it is framed
	 * by (the same for every moment, so it stands still): drawn beside
	 * the countdown where the screen has room, or NULL.
	 */
	const struct fig_scene	*figure;
	const struct fig_box	*figure_frame;
};

/*
 * Whether a screen of this size shows the figure: wide enough for it
 * beside the text, tall enough for it to be a figure (not at 80x24).
 */
#define TUI_FIGURE_COLS		90
#define TUI_FIGURE_LINES	26

/* Keys, as tui_key() returns them. */
enum tui_key {
	TUI_KEY_NONE,
	TUI_KEY_PAUSE,		/* space */
	TUI_KEY_NEXT,		/* n, right arrow */
	TUI_KEY_BACK,		/* p, left arrow */
	TUI_KEY_QUIT,		/* q */
	TUI_KEY_HELP,		/* ? */
	TUI_KEY_HURT,		/* x: sharp pain, tingling, numbness */
	TUI_KEY_YES,		/* y */
	TUI_KEY_NO,		/* n at a yes/no prompt is NO, not NEXT */
	TUI_KEY_DIGIT,		/* 1-9 at a choice prompt; see tui_digit */
	TUI_KEY_RESIZE,
	TUI_KEY_OTHER
};

/*
 * Take over the terminal. Installs handlers so the terminal is restored
 * on exit, on SIGINT/SIGTERM and on a crash signal. Returns 0, or -1 if
 * the terminal cannot be used.
 */
int		tui_open(void);
/* Give the terminal back. Safe to call twice. */
void		tui_close(void);
void		tui_draw(const struct tui_view *);
/*
 * Wait up to timeout_ms for a key (0: just look; -1: forever). in_prompt
 * makes 'n' mean no instead of next.
 */
enum tui_key	tui_key(int timeout_ms, int in_prompt, int *digit);
/* Whether the figure is drawn now (the screen's size, UTF-8). */
int		tui_shows_figure(void);
/* Ring the terminal bell. */
void		tui_bell(void);
/* Whether SIGINT or SIGTERM arrived (the player then asks to quit). */
int		tui_interrupted(void);

#endif
