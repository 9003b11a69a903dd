package io.noseid.gateway.security;

import io.noseid.gateway.config.NoseIdConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/** A token bucket per API key, in memory (per gateway replica). */
@ApplicationScoped
public class RateLimiter {

    private final boolean enabled;
    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(NoseIdConfig config) {
        this(config.rateLimit().enabled(), config.rateLimit().capacity(), config.rateLimit().refillPerSecond(),
                System::nanoTime);
    }

    RateLimiter(boolean enabled, long capacity, double refillPerSecond, LongSupplier clock) {
        this.enabled = enabled;
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.clock = clock;
    }

    /** Takes a token; empty when allowed, else the seconds until a token is available. */
    public OptionalLong tryAcquire(String keyId) {
        if (!enabled) {
            return OptionalLong.empty();
        }
        Bucket bucket = buckets.computeIfAbsent(keyId, k -> new Bucket(capacity, clock.getAsLong()));
        synchronized (bucket) {
            long now = clock.getAsLong();
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.lastNanos) * refillPerNano);
            bucket.lastNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return OptionalLong.empty();
            }
            double missing = 1 - bucket.tokens;
            long seconds = (long) Math.ceil(missing / refillPerNano / 1e9);
            return OptionalLong.of(Math.max(1, seconds));
        }
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }
}
