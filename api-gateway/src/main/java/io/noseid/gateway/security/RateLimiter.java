package io.noseid.gateway.security;

import io.noseid.gateway.config.NoseIdConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Request and upload limits per API key and per client address, in memory (per gateway replica). Every request
 * costs one request token; an upload also costs its size in upload bytes, so one key cannot push gigabytes of
 * photos in a few seconds by sending few, large requests. A request passes only when every bucket it draws on has
 * enough; it then takes from all of them. An upload of undeclared length (chunked) passes while its buckets are not
 * in debt and is charged what it really sent once it ended.
 */
@ApplicationScoped
public class RateLimiter {

    private final boolean enabled;
    private final TokenBuckets keyRequests;
    private final TokenBuckets keyUploads;
    private final TokenBuckets addressRequests;
    private final TokenBuckets addressUploads;

    /** The upload size of a chunked request, not known before it was read. */
    public static final long UNDECLARED = -1;

    @Inject
    public RateLimiter(NoseIdConfig config) {
        this(config.rateLimit(), System::nanoTime);
    }

    RateLimiter(NoseIdConfig.RateLimit config, LongSupplier clock) {
        this.enabled = config.enabled();
        this.keyRequests = new TokenBuckets(config.keyRequestBurst(), config.keyRequestsPerSecond(), clock);
        this.keyUploads = new TokenBuckets(config.keyUploadBurstBytes(), config.keyUploadBytesPerSecond(), clock);
        this.addressRequests = new TokenBuckets(config.addressRequestBurst(), config.addressRequestsPerSecond(),
                clock);
        this.addressUploads = new TokenBuckets(config.addressUploadBurstBytes(), config.addressUploadBytesPerSecond(),
                clock);
    }

    /**
     * @param keyId       the API key's bucket id
     * @param address     the client's address
     * @param uploadBytes the bytes this request declares it uploads (0 for reads); {@link #UNDECLARED} for an upload
     *                    whose length is not declared: charge it with {@link #chargeUpload} when it ended
     * @return empty when allowed (the tokens are taken), else the seconds until it would be
     */
    public OptionalLong tryAcquire(String keyId, String address, long uploadBytes) {
        if (!enabled) {
            return OptionalLong.empty();
        }
        if (uploadBytes == UNDECLARED) {
            // passes while the upload buckets hold anything at all
            uploadBytes = 1;
        }
        record Draw(TokenBuckets buckets, String id, double cost) {
        }
        List<Draw> draws = uploadBytes > 0
                ? List.of(new Draw(keyRequests, keyId, 1), new Draw(addressRequests, address, 1),
                        new Draw(keyUploads, keyId, uploadBytes), new Draw(addressUploads, address, uploadBytes))
                : List.of(new Draw(keyRequests, keyId, 1), new Draw(addressRequests, address, 1));
        synchronized (this) {
            long wait = 0;
            for (Draw draw : draws) {
                wait = Math.max(wait, draw.buckets().waitSeconds(draw.id(), draw.cost()));
            }
            if (wait > 0) {
                return OptionalLong.of(wait);
            }
            for (Draw draw : draws) {
                draw.buckets().take(draw.id(), draw.cost());
            }
            return OptionalLong.empty();
        }
    }

    /** Charges an upload after the fact with what it really sent; may put the buckets in debt. */
    public void chargeUpload(String keyId, String address, long bytes) {
        if (!enabled || bytes <= 0) {
            return;
        }
        synchronized (this) {
            keyUploads.take(keyId, bytes);
            addressUploads.take(address, bytes);
        }
    }
}
