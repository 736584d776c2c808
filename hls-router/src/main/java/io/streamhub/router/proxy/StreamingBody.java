package io.streamhub.router.proxy;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One upstream answer as it arrives, shared by every waiter of a collapsed miss, so that each of
 * them gets bytes while the object is still filling the cache (as nginx gives them to the request
 * holding its cache lock, but here to all of them).
 *
 * <p>The upstream's context fills it: {@link #start head}, {@link #append chunks}, then
 * {@link #end} or {@link #fail}; or it {@link #decline declines} (a 404, a failure before any
 * header, an answer that is not streamed), and the waiters take the finished fetch instead.
 * Each waiter {@link #open opens} a {@link Reader} on its own context and is woken there; a wake-up
 * says only "look again", and {@link Reader#poll} hands over every chunk not yet read together with
 * the state, in one step, so a late joiner gets the chunks so far and then the rest, in order, and
 * never an end before the last chunk. Chunks are Vert.x heap buffers, which may be written to any
 * number of connections.
 */
public final class StreamingBody {

    /** What the upstream said before its body: {@code contentLength} is -1 when it did not declare one. */
    public record Head(long contentLength, String etag, String lastModified, long ageSeconds) {
    }

    public enum State {
        /** No answer yet. */
        WAITING,
        /** Head known, chunks arriving. */
        STREAMING,
        /** Every chunk is there. */
        ENDED,
        /** Broke off after the head: a reader that sent anything must reset, never end cleanly. */
        FAILED,
        /** Nothing to stream: the waiters answer from the finished fetch. */
        DECLINED
    }

    /** What a reader has not seen yet, taken in one step. */
    public record Poll(State state, Head head, List<Buffer> chunks) {
    }

    private final List<Buffer> chunks = new ArrayList<>();
    private final List<Reader> readers = new ArrayList<>();
    private State state = State.WAITING;
    private Head head;

    public void start(Head head) {
        advance(State.WAITING, State.STREAMING, () -> this.head = head);
    }

    public void append(Buffer chunk) {
        advance(State.STREAMING, State.STREAMING, () -> chunks.add(chunk));
    }

    public void end() {
        advance(State.STREAMING, State.ENDED, null);
    }

    /** Any time before the end; before the head it is the same as declining. */
    public void fail() {
        synchronized (this) {
            if (state == State.WAITING) {
                state = State.DECLINED;
            } else if (state == State.STREAMING) {
                state = State.FAILED;
            } else {
                return;
            }
        }
        wakeAll();
    }

    public void decline() {
        advance(State.WAITING, State.DECLINED, null);
    }

    public synchronized State state() {
        return state;
    }

    /** A reader woken on {@code context} by {@code onReadable} whenever there is something to poll. */
    public Reader open(Context context, Runnable onReadable) {
        Reader reader = new Reader(context, onReadable);
        boolean wake;
        synchronized (this) {
            readers.add(reader);
            wake = state != State.WAITING;
        }
        if (wake) {
            reader.wake();
        }
        return reader;
    }

    private void advance(State from, State to, Runnable change) {
        synchronized (this) {
            if (state != from) {
                return;
            }
            if (change != null) {
                change.run();
            }
            state = to;
        }
        wakeAll();
    }

    private void wakeAll() {
        List<Reader> woken;
        synchronized (this) {
            woken = List.copyOf(readers);
        }
        woken.forEach(Reader::wake);
    }

    /** One waiter's place in the body. Used on its own context only, but for {@link #wake}. */
    public final class Reader {
        private final Context context;
        private final Runnable onReadable;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private int next;
        private boolean closed;

        private Reader(Context context, Runnable onReadable) {
            this.context = context;
            this.onReadable = onReadable;
        }

        /** At most one wake-up queued per reader: a burst of chunks becomes one poll. */
        void wake() {
            if (scheduled.compareAndSet(false, true)) {
                context.runOnContext(v -> {
                    scheduled.set(false);
                    if (!closed) {
                        onReadable.run();
                    }
                });
            }
        }

        public Poll poll() {
            synchronized (StreamingBody.this) {
                int size = chunks.size();
                List<Buffer> fresh = next == size ? List.of() : List.copyOf(chunks.subList(next, size));
                next = size;
                return new Poll(state, head, fresh);
            }
        }

        /** No more wake-ups: the waiter answered some other way or went away. */
        public void close() {
            closed = true;
            synchronized (StreamingBody.this) {
                readers.remove(this);
            }
        }
    }
}
