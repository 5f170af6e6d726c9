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
 *	LIST(DYNLIB_DEFINE)		in one .c file
 *	static const char *const names[] = { LIST(DYNLIB_NAME) };
 *	static void *const slots[] = { LIST(DYNLIB_SLOT) };
 *
 * and calls dynlib_load() before the first use. A symbol used but not
 * listed fails the link, since nothing links the library. Variables
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

/*
 * Open file (a soname such as "libsqlite3.so.0") into *handle unless it
 * is open already, and set the pointer at slots[i] to the address of
 * names[i] for each of the n symbols. A library that lacks one symbol is
 * not used at all: a half-filled table would crash later, far from the
 * cause. Returns 0, or -1 with *cause set to an allocated message
 * ("cannot load FILE: why" or "FILE lacks NAME").
 */
int	dynlib_load(void **handle, const char *file,
	    const char *const *names, void *const *slots, size_t n,
	    char **cause);

#endif
