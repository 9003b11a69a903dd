package io.noseid.worker.adaptation;

import io.noseid.worker.matcher.DogEvidence;
import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.NoseTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * Measures the gallery on itself: one photo of each sampled enrolled dog probes the gallery as if its own dog were
 * not enrolled (through the candidate version's shortlist and verification, exactly as an identification runs), and
 * is verified against its own dog's other photos. The impostors' best inlier evidence calibrates the inlier rule's
 * threshold; the genuine and impostor comparisons train the SVM verifier ({@link VerifierTraining}).
 */
public final class ImpostorCalibration {

    /** The inlier rule's threshold and, when the gallery gave enough samples and it is enabled, the verifier. */
    public record Calibration(ThresholdCalibration threshold, Optional<VerifierTraining.Trained> verifier) {
    }

    /** How the verifier is learned: off, or its SVM penalty and least match probability. */
    public record VerifierOptions(boolean enabled, double c, double minThreshold) {
    }

    private ImpostorCalibration() {
    }

    public static Calibration calibrate(NoseMatcher candidate, List<UUID> dogs,
                                        Function<UUID, List<NoseTemplate>> templates, int probes, Random random,
                                        double targetFar, double floor, VerifierOptions verifier,
                                        DoubleConsumer progress) {
        List<UUID> sampled = new ArrayList<>(dogs);
        Collections.shuffle(sampled, random);
        sampled = sampled.subList(0, Math.min(probes, sampled.size()));
        List<Double> evidence = new ArrayList<>();
        List<VerifierTraining.ProbeSample> samples = new ArrayList<>();
        for (int i = 0; i < sampled.size(); i++) {
            UUID dog = sampled.get(i);
            List<NoseTemplate> photos = templates.apply(dog);
            if (!photos.isEmpty()) {
                int chosen = random.nextInt(photos.size());
                NoseTemplate probe = photos.get(chosen);
                NoseMatcher.Identification impostor = candidate.identifyDetailed(List.of(probe), Set.of(dog));
                evidence.add(impostor.bestEvidence());
                if (verifier.enabled()) {
                    List<NoseTemplate> others = new ArrayList<>(photos);
                    others.remove(chosen);
                    DogEvidence genuine = others.isEmpty() ? null : candidate.verify(List.of(probe), dog, others);
                    samples.add(new VerifierTraining.ProbeSample(genuine, impostor.evidence()));
                }
            }
            progress.accept((i + 1) / (double) sampled.size());
        }
        ThresholdCalibration threshold = ThresholdCalibration.of(
                evidence.stream().mapToDouble(Double::doubleValue).toArray(), targetFar, floor);
        Optional<VerifierTraining.Trained> trained = verifier.enabled()
                ? VerifierTraining.train(samples, targetFar, verifier.c(), verifier.minThreshold())
                : Optional.empty();
        return new Calibration(threshold, trained);
    }
}
