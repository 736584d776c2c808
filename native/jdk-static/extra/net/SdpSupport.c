/*
 * sun.net.sdp.SdpSupport's natives, which JDK 25 declares and openjdk-26's sources no longer have
 * (JDK 26 removed SDP support). Ours, written for issue 32: SDP (Sockets Direct Protocol over
 * InfiniBand) is address family 27 on Linux; a kernel without it fails socket() and the caller
 * gets the IOException, as on a JDK 25 without SDP.
 */
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "jni.h"
#include "jni_util.h"
#include "sun_net_sdp_SdpSupport.h"

#ifndef AF_INET_SDP
#define AF_INET_SDP 27
#endif

static int sdp_socket(JNIEnv *env) {
    int s = socket(AF_INET_SDP, SOCK_STREAM, 0);
    if (s < 0) {
        JNU_ThrowIOExceptionWithLastError(env, "socket (SDP)");
    }
    return s;
}

JNIEXPORT jint JNICALL
Java_sun_net_sdp_SdpSupport_create0(JNIEnv *env, jclass cls) {
    (void)cls;
    return sdp_socket(env);
}

/* Replaces the socket behind fd (new, not yet bound or connected) with an SDP socket. */
JNIEXPORT void JNICALL
Java_sun_net_sdp_SdpSupport_convert0(JNIEnv *env, jclass cls, jint fd) {
    (void)cls;
    int s = sdp_socket(env);
    if (s < 0) {
        return;
    }
    int r;
    do {
        r = dup2(s, fd);
    } while (r < 0 && errno == EINTR);
    int saved = errno;
    close(s);
    if (r < 0) {
        errno = saved;
        JNU_ThrowIOExceptionWithLastError(env, "dup2");
    }
}
