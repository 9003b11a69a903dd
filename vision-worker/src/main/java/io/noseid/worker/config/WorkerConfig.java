package io.noseid.worker.config;

import io.noseid.shared.OutageRetryConfig;
import io.noseid.worker.detection.QualityConfig;
import io.noseid.worker.matcher.MatcherConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Everything an operator may tune on a worker replica. Every {@code noseid.worker.matcher.*} and
 * {@code noseid.worker.quality.*} key is listed with its default in the README's configuration table (checked by
 * {@code ConfigurationTableTest}).
 */
@ConfigMapping(prefix = "noseid.worker")
public interface WorkerConfig {

    /** Name of this replica in logs, Redis and results; defaults to the host name plus a random suffix. */
    Optional<String> id();

    Detector detector();

    /** The nose quality gate ({@code noseid.worker.quality.*}). */
    QualityConfig quality();

    /** The matcher ({@code noseid.worker.matcher.*}). */
    MatcherConfig matcher();

    Photos photos();

    Gallery gallery();

    Jobs jobs();

    /**
     * How often the worker reports its matcher's version and gallery size into Redis for
     * {@code GET /api/v1/admin/matcher}; a report expires after three intervals, so a stopped worker drops out.
     */
    @WithDefault("10s")
    Duration statusInterval();

    /**
     * A job that fails because the database, Redis or the broker is out is run again with doubling waits for at
     * most the retry budget (keep it below the broker's consumer timeout, 30 min by default); then the message is
     * returned to the queue.
     */
    interface Jobs extends OutageRetryConfig {
    }

    interface Detector {
        /**
         * Off only where photos are known to be nose crops already (for example the synthetic renders of the
         * system tests): every photo is then treated as a nose filling the frame.
         */
        @WithDefault("true")
        boolean enabled();

        /** {@code classpath:...} or a file path to a YOLOv5 TorchScript export; empty means the shipped model. */
        Optional<String> model();

        Optional<Integer> inputSize();

        Optional<Integer> noseClassIndex();

        Optional<Double> confidenceThreshold();

        Optional<Double> iouThreshold();

        /**
         * The second look at a photo whose surest nose is below the confidence threshold (the photo shrunk onto a
         * canvas; both looks' mean confidence decides). Empty values keep the shipped model's choice.
         */
        SecondLook secondLook();

        interface SecondLook {
            Optional<Boolean> enabled();

            /** The photo's longer side as a share of the canvas. */
            Optional<Double> imageShare();

            /** Least mean confidence of the two looks. */
            Optional<Double> threshold();
        }
    }

    interface Photos {
        /** Usable photos a registration needs out of its 5. */
        @WithDefault("3")
        int minUsableForRegistration();

        @WithDefault("1")
        int minUsableForIdentification();
    }

    interface Gallery {
        /** Safety net besides the fanout events: how often a replica catches up with the shared gallery. */
        @WithDefault("5s")
        Duration catchUpInterval();
    }
}
