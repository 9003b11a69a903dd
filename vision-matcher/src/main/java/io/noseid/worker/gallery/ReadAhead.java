package io.noseid.worker.gallery;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands a stream's items to a consumer while the next ones are being produced: the producer (the gallery store
 * reading and decoding stored dogs) runs on a thread of its own, at most {@code capacity} items ahead of the consumer
 * (the index being built). A worker with two cores then starts in the time of the slower of the two rather than their
 * sum (MATCHER.md, "Load at start"). Items arrive in the producer's order. A failure on either side ends both and is
 * thrown to the caller; the reading thread never outlives the call.
 */
final class ReadAhead {

    private static final Object END = new Object();

    private ReadAhead() {
    }

    /** Thrown inside the producer when the consumer gave up, so that its loop ends. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    static <T> void forEach(Consumer<Consumer<T>> producer, int capacity, Consumer<T> consumer) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(capacity);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().name("gallery-read-ahead").daemon().start(() -> {
            try {
                producer.accept(item -> put(queue, item, cancelled));
            } catch (Cancelled e) {
                return;
            } catch (Throwable t) {
                failure.set(t);
            }
            try {
                put(queue, END, cancelled);
            } catch (Cancelled e) {
                // The consumer gave up meanwhile: nobody waits for the end any more.
            }
        });
        boolean consumed = false;
        try {
            for (Object next = take(queue); next != END; next = take(queue)) {
                @SuppressWarnings("unchecked")
                T item = (T) next;
                consumer.accept(item);
            }
            consumed = true;
        } finally {
            if (!consumed) {
                cancelled.set(true);
                reader.interrupt();
            }
            joinUninterruptibly(reader);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Waits for room, checking now and then whether the consumer gave up: an interrupt alone might be swallowed by
     * the producer's own blocking calls (a JDBC read).
     */
    private static void put(BlockingQueue<Object> queue, Object item, AtomicBoolean cancelled) {
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (cancelled.get()) {
                    throw new Cancelled();
                }
            }
        } catch (InterruptedException e) {
            throw new Cancelled();
        }
    }

    private static Object take(BlockingQueue<Object> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the gallery", e);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
