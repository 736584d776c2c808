/*
 * The C side of SubstrateVM's Java signal handling (CSunMiscSignal's @CFunction declarations).
 * A signal handler cannot touch the Java heap or a Java thread's state, so it only counts: one
 * atomic counter per signal number and a semaphore that wakes the dispatcher thread, which then
 * takes the signals one at a time with checkPendingSignal. One owner at a time (open/close).
 * Written for issue 32.
 */
#include <errno.h>
#include <semaphore.h>
#include <signal.h>
#include <stdbool.h>

static volatile long counts[NSIG];
static sem_t wakeup;
static volatile int is_open; /* 0 closed, 1 open */

/* Claims the mechanism and clears the counters; -1 with errno EBUSY when already open. */
int cSunMiscSignal_open(void) {
    if (!__sync_bool_compare_and_swap(&is_open, 0, 1)) {
        errno = EBUSY;
        return -1;
    }
    for (int i = 0; i < NSIG; i++) {
        counts[i] = 0;
    }
    if (sem_init(&wakeup, 0, 0) != 0) {
        is_open = 0;
        return -1;
    }
    return 0;
}

int cSunMiscSignal_close(void) {
    if (!is_open) {
        return 0;
    }
    if (sem_destroy(&wakeup) != 0) {
        return -1;
    }
    is_open = 0;
    return 0;
}

/* Waits until a handler (or signalSemaphore) posts; an interruption counts as a wake-up. */
int cSunMiscSignal_awaitSemaphore(void) {
    if (!is_open) {
        errno = EINVAL;
        return -1;
    }
    if (sem_wait(&wakeup) != 0) {
        return errno == EINTR ? 0 : -1;
    }
    return 0;
}

int cSunMiscSignal_signalSemaphore(void) {
    if (!is_open) {
        errno = EINVAL;
        return -1;
    }
    return sem_post(&wakeup);
}

bool cSunMiscSignal_signalRangeCheck(int signal) {
    return signal > 0 && signal < NSIG;
}

/* The lowest signal number with a pending count, taking one from it; -1 when none is pending.
 * Only the one dispatcher thread calls this, so a count seen positive stays positive. */
int cSunMiscSignal_checkPendingSignal(void) {
    for (int i = 1; i < NSIG; i++) {
        if (counts[i] > 0) {
            __sync_fetch_and_sub(&counts[i], 1);
            return i;
        }
    }
    return -1;
}

/* Async-signal-safe: an atomic add and sem_post, errno preserved. */
static void counting_handler(int signal) {
    int saved = errno;
    if (signal > 0 && signal < NSIG) {
        __sync_fetch_and_add(&counts[signal], 1);
        if (is_open) {
            sem_post(&wakeup);
        }
    }
    errno = saved;
}

typedef void (*signal_handler_t)(int);

signal_handler_t cSunMiscSignal_signalHandlerFunctionPointer(void) {
    return counting_handler;
}
