/*
 * pageout.c -- the daemon's loop, which gives back the memory waiting
 * does not need before each wait.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>		/* malloc_trim */
#endif

#include "remind/pageout.h"
#include "remind/sd.h"

#define PAGE_DROP_MAX	256

/*
 * madvise(MADV_DONTNEED) on [lo, hi), leaving out the pages from
 * keep[i] to keep[i] + 2 pages; lo, hi and keep[] are page-aligned.
 */
static void
page_unmap(uintptr_t lo, uintptr_t hi, const uintptr_t *keep, size_t n,
    uintptr_t page)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (keep[i] + 2 * page <= lo || keep[i] >= hi)
			continue;
		if (keep[i] > lo)
			page_unmap(lo, keep[i], keep, n, page);
		if (keep[i] + 2 * page < hi)
			page_unmap(keep[i] + 2 * page, hi, keep, n, page);
		return;
	}
	(void)madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

/*
 * Between events the daemon needs nothing but its few dirty pages: it is
 * blocked in epoll_wait. Give back what start-up and the last wake-up
 * touched and waiting does not need:
 *
 * - Read-only file mappings with no private copy in them (program text,
 *   constant data; the "Anonymous" field of smaps is 0) hold only page
 *   cache pages, so MADV_DONTNEED merely unmaps them: nothing can be
 *   lost, and the next wake-up maps them again from the page cache with
 *   a minor fault. Writable mappings and relocated read-only ones (RELRO)
 *   hold private copies and are never given to MADV_DONTNEED.
 *   What runs between the unmapping and the wait keeps its pages, since
 *   one fault maps a large part of a file again (fault-around, large
 *   folios): this function, pageout_loop(), the first two pages of the
 *   program's text (where the linker puts the PLT through which they call
 *   the libraries), madvise(), sd_event_wait() and epoll_wait(). fclose()
 *   and malloc_trim() run before the unmapping. libsystemd's functions
 *   are called through sd.h's table, which is writable data and so never
 *   dropped.
 * - Every file mapping gets MADV_PAGEOUT (Linux 5.4), which also lets go
 *   of clean pages only this process used; a hint, ignored where unknown.
 * - malloc_trim returns the freed heap (the catalog, SQLite's cache).
 *   It is glibc's; elsewhere the heap keeps its pages.
 *
 * It costs a read of /proc/self/smaps and a few hundred minor faults per
 * long wait (see pageout_loop()), a few times an hour.
 */
static void
page_out(void)
{
	FILE		*f;
	char		 line[512], perms[8], path[256];
	uintptr_t	 lo = 0, hi = 0, keep[6], page;
	uintptr_t	 drop[PAGE_DROP_MAX][2];
	unsigned long	 a, b, kb;
	size_t		 i, n = 0;
	int		 file = 0, ro = 0;

	/* POSIX lets a function's address be seen as an object's. */
	page = (uintptr_t)sysconf(_SC_PAGESIZE);
	keep[0] = (uintptr_t)(void *)page_out & ~(page - 1);
	keep[1] = (uintptr_t)(void *)pageout_loop & ~(page - 1);
	keep[2] = keep[1];
	keep[3] = (uintptr_t)(void *)madvise & ~(page - 1);
	keep[4] = (uintptr_t)(void *)sd_event_wait & ~(page - 1);
	keep[5] = (uintptr_t)(void *)epoll_wait & ~(page - 1);
	if ((f = fopen("/proc/self/smaps", "re")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		/* A field line ("Anonymous: ...") can start like a hex number. */
		path[0] = '\0';
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255s", &a, &b,
		    perms, path) >= 3) {
			lo = a;
			hi = b;
			file = path[0] == '/';
			ro = strchr(perms, 'w') == NULL;
			if (lo <= keep[1] && keep[1] < hi)
				keep[2] = lo;
#ifdef MADV_PAGEOUT
			if (file)
				(void)madvise((void *)lo, hi - lo,
				    MADV_PAGEOUT);
#endif
			continue;
		}
		if (file && ro && sscanf(line, "Anonymous: %lu", &kb) == 1 &&
		    kb == 0 && n < PAGE_DROP_MAX) {
			drop[n][0] = lo;
			drop[n++][1] = hi;
		}
	}
	fclose(f);
#ifdef __GLIBC__
	(void)malloc_trim(0);
#endif
	for (i = 0; i < n; i++)
		page_unmap(drop[i][0], drop[i][1], keep, 6, page);
}

/*
 * sd_event_loop, with the page-out put last before a long wait, once
 * nothing is pending (sd_event_prepare returns 0): done any earlier, the
 * rest of the iteration would fault the pages straight back in.
 *
 * Only before a long wait: a page-out costs about a millisecond (a read
 * of smaps, a hundred madvise calls, the faults after), which a wake-up a
 * few times an hour can afford but a burst of events cannot (5,000 D-Bus
 * messages from a peer cost 10 CPU-seconds). So the loop first waits
 * PAGEOUT_QUIET_US with its pages as they are; only if nothing came in
 * that time does it give them back and wait for as long as it takes.
 * libsystemd does not say when the next timer is due, so the quiet time
 * is how a long wait is told from a short one; it costs one wake-up
 * after each burst.
 */
int
pageout_loop(sd_event *ev)
{
	int	 r, code = 0, quiet = 0;

	while (sd_event_get_state(ev) != SD_EVENT_FINISHED) {
		if ((r = sd_event_prepare(ev)) == 0) {
			if (quiet) {
				page_out();
				r = sd_event_wait(ev, UINT64_MAX);
			} else if ((r = sd_event_wait(ev,
			    PAGEOUT_QUIET_US)) == 0) {
				quiet = 1;	/* nothing came: page out */
				continue;
			}
		}
		quiet = 0;
		if (r > 0)
			r = sd_event_dispatch(ev);
		if (r < 0)
			return (r);
	}
	(void)sd_event_get_exit_code(ev, &code);
	return (code);
}
