package io.noseid.gateway.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    @Test
    void burstThenRefillPerKey() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(true, 3, 1.0, now::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("a").isEmpty());
        }
        assertEquals(1, limiter.tryAcquire("a").orElseThrow());
        assertTrue(limiter.tryAcquire("b").isEmpty(), "buckets are per key");
        now.addAndGet(1_000_000_000L);
        assertTrue(limiter.tryAcquire("a").isEmpty());
        assertTrue(limiter.tryAcquire("a").isPresent());
    }

    @Test
    void retryAfterReflectsRefillRate() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(true, 1, 0.1, now::get);
        assertTrue(limiter.tryAcquire("k").isEmpty());
        assertEquals(10, limiter.tryAcquire("k").orElseThrow());
    }

    @Test
    void disabledNeverLimits() {
        RateLimiter limiter = new RateLimiter(false, 1, 0.001, () -> 0L);
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire("k").isEmpty());
        }
    }
}
