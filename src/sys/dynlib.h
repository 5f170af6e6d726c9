/*
 * dynlib.h -- a shared library opened with dlopen() when first needed.
 *
 * Each command should load only the libraries it uses: linked, SQLite
 * and ncurses alone were half of what every start of midback cost
 * (`midback today` with no history opens neither), libsystemd and
 * espeak-ng far more. So the store, the full-screen player, the reminder
 * daemon and the voice open their library on first use, through one
 * loader.
 *
 * A user of a library lists the symbols it uses as an X-macro,
 * LIST(X) with X(name) per symbol, and after including the library's own
 * header:
 *
 *	LIST(DYNLIB_DECLARE)		in its header: extern pointers dl_NAME
 *	#define name (*dl_name)		one per symbol, after the above, so
 *					calls keep the library's own
 *					prototypes and are checked as before
 *	DYNLIB_LIBRARY(lib, "libfoo.so.1", LIST)
 *					in one .c file: the pointers, and
 *					the static struct dynlib lib that
 *					fills them
 *
 * and calls dynlib_open(&lib, ...) before the first use. A symbol used but
 * not listed fails the link, since nothing links the library. Variables
 * work the same way (ncurses' stdscr is dl_stdscr, a WINDOW **).
 */
#ifndef MIDBACK_SYS_DYNLIB_H
#define MIDBACK_SYS_DYNLIB_H

#include <stddef.h>

#define DYNLIB_DECLARE(name)	extern __typeof__(name) *dl_##name;
#define DYNLIB_DEFINE(name)	__typeof__(dl_##name) dl_##name;
#define DYNLIB_NAME(name)	#name,
#define DYNLIB_SLOT(name)	(void *)&dl_##name,

#define DYNLIB_COUNT(a)		(sizeof (a) / sizeof (a)[0])

/* A library, and where each of its symbols goes. */
struct dynlib {
	void			*handle;	/* NULL until opened */
	const char		*file;		/* its soname */
	const char *const	*names;		/* the symbols */
	void *const		*slots;		/* where each goes */
	size_t			 n;
};

/* Define LIST's pointers and lib, the library file that fills them. */
#ifdef DYNLIB_FOR_CPPCHECK
/*
 * For cppcheck alone (the Makefile's lint passes -DDYNLIB_FOR_CPPCHECK):
 * its preprocessor (2.10) macro-expands an argument that is an operand of
 * ##, so that with "#define name (*dl_name)" in force, dl_##name becomes
 * dl_(*dl_name) and the file stops with a syntax error, unchecked. Here
 * the pointers are left to the header's DYNLIB_DECLARE and lib is the
 * same struct, empty; gcc, and -fanalyzer, compile the real one below.
 */
#define DYNLIB_LIBRARY(lib, soname, LIST)				\
	static struct dynlib lib = { NULL, soname, NULL, NULL, 0 }
#else
#define DYNLIB_LIBRARY(lib, soname, LIST)				\
	LIST(DYNLIB_DEFINE)						\
	static const char *const lib##_names[] = { LIST(DYNLIB_NAME) };	\
	static void *const lib##_slots[] = { LIST(DYNLIB_SLOT) };	\
	static struct dynlib lib = { NULL, soname, lib##_names,	\
	    lib##_slots, DYNLIB_COUNT(lib##_names) }
#endif

/*
 * Open lib's file unless it is open already, and set each of its slots to
 * the address of its symbol. A library that lacks one symbol is not used
 * at all: a half-filled table would crash later, far from the cause.
 * Returns 0, or -1 with *cause set to an allocated message: "cannot load
 * FILE: why" or "FILE lacks NAME", inside fmt when that is not NULL (a
 * format with one %s: "no speech library: %s").
 */
int	dynlib_open(struct dynlib *lib, const char *fmt, char **cause);

#endif
