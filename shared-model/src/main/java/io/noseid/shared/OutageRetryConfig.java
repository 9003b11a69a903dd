package io.noseid.shared;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The settings of an {@link OutageRetry}, as a configuration group both services extend ({@code
 * noseid.worker.jobs.*} for the worker's jobs, {@code noseid.results.*} for the gateway's results).
 */
public interface OutageRetryConfig {

    /** The first wait after a failure caused by an outage; it doubles each time up to {@link #retryMaxBackOff()}. */
    @WithDefault("1s")
    Duration retryInitialBackOff();

    @WithDefault("30s")
    Duration retryMaxBackOff();

    /** How long an outage is waited out before the message is returned to its queue. */
    @WithDefault("10m")
    Duration retryBudget();
}
