package io.noseid.gateway.security;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Weighted token buckets, one per id (an API key or a client address), in memory. A bucket holds at most
 * {@code capacity} tokens and refills at {@code refillPerSecond}; a request takes as many tokens as it weighs.
 * Buckets that refilled completely are forgotten once there are many, so a flood of addresses cannot grow memory
 * without bound.
 */
final class TokenBuckets {

    /** Above this many buckets, full ones (nobody used them lately) are dropped. */
    static final int EVICT_ABOVE = 100_000;

    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(double capacity, double refillPerSecond, LongSupplier clock) {
        if (capacity <= 0 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("rate limits need a positive capacity and refill rate");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.clock = clock;
    }

    /** Seconds until {@code cost} tokens are available (0 when they are now); takes nothing. */
    long waitSeconds(String id, double cost) {
        Bucket bucket = buckets.get(id);
        if (bucket == null) {
            return cost <= capacity ? 0 : secondsFor(cost - capacity);
        }
        synchronized (bucket) {
            double available = bucket.refilled(clock.getAsLong(), capacity, refillPerNano);
            // a request heavier than the whole bucket waits for a full bucket, then may pass
            double needed = Math.min(cost, capacity);
            return available >= needed ? 0 : secondsFor(needed - available);
        }
    }

    /**
     * Takes {@code cost} tokens (at most a full bucket). A charge made after the fact (an upload whose size was only
     * known once it was read) may leave the bucket in debt, down to minus a full bucket: later requests wait it off.
     */
    void take(String id, double cost) {
        Bucket bucket = buckets.computeIfAbsent(id, k -> {
            evictIdleIfCrowded();
            return new Bucket(capacity, clock.getAsLong());
        });
        synchronized (bucket) {
            double available = bucket.refilled(clock.getAsLong(), capacity, refillPerNano);
            bucket.tokens = Math.max(-capacity, available - Math.min(cost, capacity));
        }
    }

    int size() {
        return buckets.size();
    }

    private long secondsFor(double missingTokens) {
        return Math.max(1, (long) Math.ceil(missingTokens / refillPerNano / 1e9));
    }

    private void evictIdleIfCrowded() {
        if (buckets.size() < EVICT_ABOVE) {
            return;
        }
        long now = clock.getAsLong();
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return b.refilled(now, capacity, refillPerNano) >= capacity;
            }
        });
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }

        double refilled(long now, double capacity, double refillPerNano) {
            tokens = Math.min(capacity, tokens + Math.max(0, now - lastNanos) * refillPerNano);
            lastNanos = now;
            return tokens;
        }
    }
}
