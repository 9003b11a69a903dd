package io.noseid.gateway.config;

import io.noseid.shared.OutageRetryConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** Typed gateway settings under the {@code noseid} prefix. */
@ConfigMapping(prefix = "noseid")
public interface NoseIdConfig {

    /** Operator keys: {@code <sha256-hex>:<role>} separated by commas. */
    Optional<String> apiKeys();

    /** Development admin key; only honoured in the dev and test profiles. */
    Optional<String> devApiKey();

    /** Development client key; only honoured in the dev and test profiles. */
    Optional<String> devClientKey();

    Registration registration();

    Upload upload();

    Jobs jobs();

    RateLimit rateLimit();

    interface Registration {
        /** Zone of the timestamp inside registration numbers. */
        @WithDefault("Asia/Seoul")
        ZoneId zone();
    }

    interface Upload {
        /** 15 MiB per photo. */
        @WithDefault("15728640")
        long maxPhotoBytes();

        @WithDefault("40000000")
        long maxPixels();

        /** Whole request: 5 nose photos and a profile photo at their maximum, plus the form fields. */
        @WithDefault("95420416")
        long maxRequestBytes();
    }

    interface Jobs {
        /** How long a job's live state is kept in Redis; the contract asks for at least 7 days. */
        @WithDefault("P8D")
        Duration redisTtl();

        @WithDefault("2")
        int retryAfterSeconds();
    }

    Outbox outbox();

    /** Applying the workers' results and dead letters while MariaDB or Redis is out. */
    Results results();

    /**
     * A result that cannot be applied because MariaDB or Redis is out is applied again with doubling waits, its
     * message unacknowledged, so an outage never spends the message's delivery count (RabbitMQ 4 drops a
     * quorum-queue message redelivered 20 times); after the budget it is returned to the queue.
     */
    interface Results extends OutageRetryConfig {
    }

    interface Outbox {
        /**
         * How long a request waits for the broker's confirm of its job message after the commit; without it the
         * request still answers 202 and the relay publishes the message.
         */
        @WithDefault("2s")
        Duration inlineConfirmTimeout();

        /** How often every replica looks for unconfirmed job messages. */
        @WithDefault("2s")
        Duration relayInterval();

        /** Longest wait between two attempts at one message (the wait doubles from the relay interval). */
        @WithDefault("60s")
        Duration relayMaxBackOff();

        @WithDefault("20")
        int relayBatchSize();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /**
         * Limits of one API key. The mobile app's key is shared by all its users: these are the app's aggregate.
         */
        @WithDefault("600")
        long keyRequestBurst();

        @WithDefault("100")
        double keyRequestsPerSecond();

        /** Upload bytes one key may send at once (2 GiB) and per second after that (50 MiB). */
        @WithDefault("2147483648")
        long keyUploadBurstBytes();

        @WithDefault("52428800")
        double keyUploadBytesPerSecond();

        /**
         * Limits of one client address (behind a reverse proxy, enable {@code quarkus.http.proxy.*} so that the
         * address is the client's, not the proxy's).
         */
        @WithDefault("120")
        long addressRequestBurst();

        @WithDefault("20")
        double addressRequestsPerSecond();

        /** Upload bytes one address may send at once (200 MiB: two full-size registrations) and per second after. */
        @WithDefault("209715200")
        long addressUploadBurstBytes();

        @WithDefault("2097152")
        double addressUploadBytesPerSecond();
    }

    Http http();

    Adaptation adaptation();

    /**
     * The automatic matcher adaptation: when a registration brings the number of registered dogs to
     * {@link #firstAtDogs()} and no adaptation has succeeded yet, or to {@link #growthFactor()} times the dogs the
     * last successful one was learned from (and never below {@code firstAtDogs}), the gateway starts one, unless
     * one is queued or running.
     */
    interface Adaptation {
        /** Whether registrations start adaptations at all; the admin endpoint works either way. */
        @WithDefault("true")
        boolean auto();

        /** Registered dogs at which the first adaptation starts. */
        @WithDefault("50")
        @Min(1)
        int firstAtDogs();

        /** Growth of the gallery over the last successful adaptation's dogs at which the next one starts. */
        @WithDefault("2.0")
        @DecimalMin(value = "1.0", inclusive = false)
        double growthFactor();
    }

    interface Http {
        /** Longer request targets under /api answer 414 URI_TOO_LONG (the HTTP layer's own limit is far above). */
        @WithDefault("2048")
        int maxUriLength();
    }
}
