/* Signal delivery through the counting handler: real signals (raise, kill from another thread),
 * counts per signal, the dispatcher's wake-up, ownership. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

int cSunMiscSignal_open(void);
int cSunMiscSignal_close(void);
int cSunMiscSignal_awaitSemaphore(void);
int cSunMiscSignal_signalSemaphore(void);
bool cSunMiscSignal_signalRangeCheck(int signal);
int cSunMiscSignal_checkPendingSignal(void);
void (*cSunMiscSignal_signalHandlerFunctionPointer(void))(int);

static void *sender(void *arg) {
    (void)arg;
    usleep(50 * 1000); /* the main thread is waiting by now */
    kill(getpid(), SIGHUP);
    return NULL;
}

int main(void) {
    CHECK(cSunMiscSignal_open() == 0, "open");
    CHECK(cSunMiscSignal_open() == -1 && errno == EBUSY, "a second owner is refused");
    CHECK(!cSunMiscSignal_signalRangeCheck(0) && cSunMiscSignal_signalRangeCheck(1)
          && cSunMiscSignal_signalRangeCheck(NSIG - 1) && !cSunMiscSignal_signalRangeCheck(NSIG), "range");
    CHECK(cSunMiscSignal_checkPendingSignal() == -1, "nothing pending at first");

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = cSunMiscSignal_signalHandlerFunctionPointer();
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0 && sigaction(SIGUSR2, &sa, NULL) == 0 && sigaction(SIGHUP, &sa, NULL) == 0,
          "sigaction");

    raise(SIGUSR2);
    raise(SIGUSR1);
    raise(SIGUSR1);
    for (int i = 0; i < 3; i++) CHECK(cSunMiscSignal_awaitSemaphore() == 0, "one wake-up per signal (%d)", i);
    /* lowest number first, one at a time */
    CHECK(cSunMiscSignal_checkPendingSignal() == SIGUSR1, "first SIGUSR1");
    CHECK(cSunMiscSignal_checkPendingSignal() == SIGUSR1, "second SIGUSR1");
    CHECK(cSunMiscSignal_checkPendingSignal() == SIGUSR2, "then SIGUSR2");
    CHECK(cSunMiscSignal_checkPendingSignal() == -1, "then nothing");

    /* A signal sent by another thread wakes a dispatcher blocked in awaitSemaphore. */
    pthread_t t;
    pthread_create(&t, NULL, sender, NULL);
    CHECK(cSunMiscSignal_awaitSemaphore() == 0, "woken by a signal from another thread");
    pthread_join(t, NULL);
    CHECK(cSunMiscSignal_checkPendingSignal() == SIGHUP, "SIGHUP counted");

    /* signalSemaphore wakes the dispatcher without a signal (how Java stops it). */
    CHECK(cSunMiscSignal_signalSemaphore() == 0, "post");
    CHECK(cSunMiscSignal_awaitSemaphore() == 0, "woken by a post");
    CHECK(cSunMiscSignal_checkPendingSignal() == -1, "a post is no signal");

    /* errno survives the handler */
    errno = 4242;
    raise(SIGUSR2);
    CHECK(errno == 4242, "the handler must keep errno");
    CHECK(cSunMiscSignal_checkPendingSignal() == SIGUSR2, "SIGUSR2 counted");

    CHECK(cSunMiscSignal_close() == 0, "close");
    CHECK(cSunMiscSignal_awaitSemaphore() == -1 && errno == EINVAL, "closed: no waiting");
    CHECK(cSunMiscSignal_open() == 0, "open again after close");
    CHECK(cSunMiscSignal_checkPendingSignal() == -1, "counts cleared on open");
    CHECK(cSunMiscSignal_close() == 0, "close again");
    return finish("test_signals");
}
