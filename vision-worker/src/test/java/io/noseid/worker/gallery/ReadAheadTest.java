package io.noseid.worker.gallery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadAheadTest {

    @Test
    void everyItemArrivesInOrderOnTheCallersThreadWhileAnotherReads() {
        List<Integer> got = new ArrayList<>();
        AtomicReference<Thread> producerThread = new AtomicReference<>();
        ReadAhead.<Integer>forEach(c -> {
            producerThread.set(Thread.currentThread());
            IntStream.range(0, 10_000).forEach(c::accept);
        }, 16, got::add);
        assertEquals(IntStream.range(0, 10_000).boxed().toList(), got);
        assertNotEquals(Thread.currentThread(), producerThread.get());
        assertFalse(producerThread.get().isAlive(), "the reading thread ends with the call");
    }

    @Test
    void aFailedReadIsThrownToTheCallerAfterWhatWasReadBeforeIt() {
        IllegalStateException broken = new IllegalStateException("database gone");
        List<Integer> got = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ReadAhead.<Integer>forEach(c -> {
            c.accept(1);
            c.accept(2);
            throw broken;
        }, 4, got::add));
        assertSame(broken, thrown);
        assertEquals(List.of(1, 2), got);
    }

    @Test
    void aFailingConsumerStopsTheReaderEvenWhenTheQueueIsFull() {
        AtomicReference<Thread> producerThread = new AtomicReference<>();
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> ReadAhead.<Integer>forEach(c -> {
            producerThread.set(Thread.currentThread());
            for (int i = 0; ; i++) {
                c.accept(i);
            }
        }, 2, i -> {
            if (i == 5) {
                throw new RuntimeException("index full");
            }
        }));
        assertEquals("index full", thrown.getMessage());
        assertFalse(producerThread.get().isAlive(), "the endless reader was stopped");
    }

    @Test
    void aProducerThatSwallowsInterruptsIsStoppedAllTheSame() {
        AtomicReference<Thread> producerThread = new AtomicReference<>();
        assertThrows(RuntimeException.class, () -> ReadAhead.<Integer>forEach(c -> {
            producerThread.set(Thread.currentThread());
            for (int i = 0; ; i++) {
                Thread.interrupted(); // as a blocking driver call might
                c.accept(i);
            }
        }, 2, i -> {
            if (i == 3) {
                throw new RuntimeException("stop");
            }
        }));
        assertTrue(producerThread.get() != null && !producerThread.get().isAlive());
    }
}
