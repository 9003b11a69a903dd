package io.noseid.worker.adaptation;

import io.noseid.worker.matcher.MatcherConfig;
import io.noseid.worker.matcher.MatcherSettings;

import java.time.Duration;
import java.util.Map;

/** The tunables of an adaptation ({@code noseid.worker.matcher.adaptation.*}, see {@link MatcherConfig.Adaptation}). */
public record AdaptationSettings(int minDogs, int sampleDescriptors, int branching, int maxDepth,
                                 int minDescriptorsPerWord, int calibrationProbes, double minInlierThreshold,
                                 Duration switchTimeout, ImpostorCalibration.VerifierOptions verifier) {

    public AdaptationSettings {
        if (minDogs < 2 || sampleDescriptors < 1000 || branching < 2 || maxDepth < 1 || minDescriptorsPerWord < 1
                || calibrationProbes < 1 || minInlierThreshold <= 0 || verifier.c() <= 0
                || verifier.minThreshold() <= 0 || verifier.minThreshold() >= 1) {
            throw new IllegalArgumentException("implausible adaptation settings");
        }
    }

    public static AdaptationSettings from(MatcherConfig.Adaptation c) {
        return new AdaptationSettings(c.minDogs(), c.sampleDescriptors(), c.branching(), c.maxDepth(),
                c.minDescriptorsPerWord(), c.calibrationProbes(), c.minInlierThreshold(),
                Duration.ofSeconds(c.switchTimeoutSeconds()), new ImpostorCalibration.VerifierOptions(
                        c.verifier().enabled(), c.verifier().svmC(), c.verifier().minThreshold()));
    }

    /** The defaults with keys overridden, named relative to {@code noseid.worker.matcher} (e.g. adaptation.min-dogs). */
    public static AdaptationSettings of(Map<String, String> overrides) {
        return from(MatcherSettings.config(overrides).adaptation());
    }

    /** The deepest tree whose every word gets {@link #minDescriptorsPerWord} of {@code sampled} descriptors. */
    public int depthFor(int sampled) {
        int depth = 1;
        while (depth < maxDepth && Math.pow(branching, depth + 1) * minDescriptorsPerWord <= sampled) {
            depth++;
        }
        return depth;
    }
}
