/*
 * claim.h -- which process plays a session on a store: one at a time,
 * across front ends and processes.
 *
 * The claim is a lock file beside the store, held with flock() by the
 * one process that plays, holding a line that says where (the terminal,
 * the browser) and since when. The kernel lets go of the lock when that
 * process ends, however it ends, so a claim never outlives its holder and
 * a session left by a killed process is simply unfinished.
 *
 * Another process that is told to take over asks the holder with SIGUSR1
 * and waits for the lock; the holder sees claim_lost() become 1, stops
 * playing without ending the session (what it finished is stored), and
 * lets go. A process holds at most one claim.
 */
#ifndef MIDBACK_SYS_CLAIM_H
#define MIDBACK_SYS_CLAIM_H

#include <stdint.h>
#include <sys/types.h>

/* Who holds a claim, as its file says. */
struct claim_info {
	pid_t		 pid;
	int64_t		 since_ms;	/* wall time it was taken */
	char		 where[96];	/* "the terminal", ... */
};

/*
 * Take the claim of the store at store_path (its file is store_path
 * with ".lock" added), saying me->where and me->since_ms. Returns 0 when
 * taken (or already held by this process), 1 when another process holds
 * it (*holder filled from its file), -1 with *err.
 */
int	claim_take(const char *store_path, const struct claim_info *me,
	    struct claim_info *holder, char **err);
/*
 * Ask the holder of the store's claim to let go (SIGUSR1), and take it
 * when it does, waiting at most wait_ms of real time. Returns 0 when
 * taken, 1 when the holder did not let go in time, -1 with *err.
 */
int	claim_take_over(const char *store_path, const struct claim_info *me,
	    int wait_ms, char **err);
/* Whether another process has asked for this process's claim. */
int	claim_lost(void);
/* Let go of this process's claim, if it holds one. */
void	claim_drop(void);

#endif
