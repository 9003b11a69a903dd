package io.noseid.worker.adaptation;

import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.NoseTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * Measures impostor evidence on the gallery itself: one photo of each sampled enrolled dog probes the gallery as if
 * its own dog were not enrolled (through the candidate version's shortlist and verification, exactly as an
 * identification runs), and the best evidence it reaches is an impostor score.
 */
public final class ImpostorCalibration {

    private ImpostorCalibration() {
    }

    public static ThresholdCalibration calibrate(NoseMatcher candidate, List<UUID> dogs,
                                                 Function<UUID, List<NoseTemplate>> templates, int probes,
                                                 Random random, double targetFar, double floor,
                                                 DoubleConsumer progress) {
        List<UUID> sampled = new ArrayList<>(dogs);
        Collections.shuffle(sampled, random);
        sampled = sampled.subList(0, Math.min(probes, sampled.size()));
        double[] evidence = new double[sampled.size()];
        int n = 0;
        for (int i = 0; i < sampled.size(); i++) {
            UUID dog = sampled.get(i);
            List<NoseTemplate> photos = templates.apply(dog);
            if (!photos.isEmpty()) {
                NoseTemplate probe = photos.get(random.nextInt(photos.size()));
                evidence[n++] = candidate.identifyDetailed(List.of(probe), Set.of(dog)).bestEvidence();
            }
            progress.accept((i + 1) / (double) sampled.size());
        }
        return ThresholdCalibration.of(Arrays.copyOf(evidence, n), targetFar, floor);
    }
}
