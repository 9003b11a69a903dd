package io.noseid.gateway.security;

import io.noseid.gateway.config.NoseIdConfig;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1 << 20;

    /** Per key: 3 requests burst, 1/s, 100 MiB burst, 10 MiB/s; per address: 5 requests, 1/s, 50 MiB, 5 MiB/s. */
    private static NoseIdConfig.RateLimit limits(boolean enabled) {
        return new NoseIdConfig.RateLimit() {
            public boolean enabled() { return enabled; }
            public long keyRequestBurst() { return 3; }
            public double keyRequestsPerSecond() { return 1; }
            public long keyUploadBurstBytes() { return 100 * MIB; }
            public double keyUploadBytesPerSecond() { return 10 * MIB; }
            public long addressRequestBurst() { return 5; }
            public double addressRequestsPerSecond() { return 1; }
            public long addressUploadBurstBytes() { return 50 * MIB; }
            public double addressUploadBytesPerSecond() { return 5 * MIB; }
        };
    }

    @Test
    void burstThenRefillPerKey() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(limits(true), now::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("a", "10.0.0.1", 0).isEmpty());
        }
        assertEquals(1, limiter.tryAcquire("a", "10.0.0.1", 0).orElseThrow());
        assertTrue(limiter.tryAcquire("b", "10.0.0.1", 0).isEmpty(), "buckets are per key");
        now.addAndGet(SECOND);
        assertTrue(limiter.tryAcquire("a", "10.0.0.1", 0).isEmpty());
        assertTrue(limiter.tryAcquire("a", "10.0.0.1", 0).isPresent());
    }

    @Test
    void oneAddressIsLimitedWhateverKeysItUses() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(limits(true), now::get);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire("key-" + i, "10.0.0.9", 0).isEmpty());
        }
        assertTrue(limiter.tryAcquire("key-9", "10.0.0.9", 0).isPresent(), "the address' burst is spent");
        assertTrue(limiter.tryAcquire("key-9", "10.0.0.10", 0).isEmpty(), "another address is not");
    }

    /** Issue 8, defect 11: few large uploads were counted as few requests. */
    @Test
    void uploadsAreWeightedByTheirSize() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(limits(true), now::get);
        assertTrue(limiter.tryAcquire("k", "10.0.0.1", 30 * MIB).isEmpty());
        long wait = limiter.tryAcquire("k", "10.0.0.1", 30 * MIB).orElseThrow();
        assertEquals(2, wait, "10 MiB missing from the address' 50 MiB bucket refill at 5 MiB/s");
        now.addAndGet(2 * SECOND);
        assertTrue(limiter.tryAcquire("k", "10.0.0.1", 30 * MIB).isEmpty());
        assertTrue(limiter.tryAcquire("k", "10.0.0.1", 0).isEmpty(), "reads are not held back by uploads");
    }

    @Test
    void aRefusedRequestTakesNothing() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(limits(true), now::get);
        assertTrue(limiter.tryAcquire("k", "10.0.0.1", 50 * MIB).isEmpty());
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("k", "10.0.0.1", 50 * MIB).isPresent());
        }
        assertTrue(limiter.tryAcquire("k", "10.0.0.1", 0).isEmpty(),
                "refused uploads did not spend the request tokens");
    }

    @Test
    void disabledNeverLimits() {
        RateLimiter limiter = new RateLimiter(limits(false), () -> 0L);
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire("k", "a", 1L << 40).isEmpty());
        }
    }

    @Test
    void idleBucketsAreForgottenWhenThereAreMany() {
        AtomicLong now = new AtomicLong(0);
        TokenBuckets buckets = new TokenBuckets(2, 1, now::get);
        for (int i = 0; i < TokenBuckets.EVICT_ABOVE; i++) {
            buckets.take("address-" + i, 1);
        }
        now.addAndGet(10 * SECOND);
        buckets.take("one-more", 1);
        assertEquals(1, buckets.size());
    }
}
