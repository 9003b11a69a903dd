package io.noseid.worker.adaptation;

import io.noseid.worker.matcher.DogEvidence;
import io.noseid.worker.matcher.MatchDecision;
import io.noseid.worker.matcher.MatchRule;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.PairMatch;
import io.noseid.worker.matcher.VerificationModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifierTrainingTest {

    /**
     * Genuine comparisons have many inliers spread over the nose at unit scale; impostors a few bunched ones at any
     * scale and rotation, with overlapping counts (a hard genuine can have fewer inliers than a lucky impostor).
     */
    private static DogEvidence evidence(Random r, boolean genuine) {
        int inliers = genuine ? 4 + (int) Math.round(Math.exp(1.5 + 1.5 * r.nextGaussian()))
                : 2 + r.nextInt(6);
        int tentative = inliers + (genuine ? r.nextInt(30) : 20 + r.nextInt(60));
        double scale = genuine ? 1 + 0.05 * r.nextGaussian() : Math.exp(r.nextDouble() * 2 - 1);
        double rotation = genuine ? 5 * r.nextGaussian() : r.nextDouble() * 360 - 180;
        double coverage = genuine ? 0.4 + 0.5 * r.nextDouble() : 0.3 * r.nextDouble();
        int second = genuine ? r.nextInt(Math.max(1, inliers)) : r.nextInt(3);
        return new DogEvidence(UUID.randomUUID(), inliers + 0.5 * second,
                new PairMatch(inliers, tentative, Math.abs(scale), rotation, coverage), second);
    }

    private static List<VerifierTraining.ProbeSample> samples(int probes, long seed) {
        Random r = new Random(seed);
        List<VerifierTraining.ProbeSample> out = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            List<DogEvidence> impostors = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                impostors.add(evidence(r, false));
            }
            out.add(new VerifierTraining.ProbeSample(evidence(r, true), impostors));
        }
        return out;
    }

    @Test
    void learnsACalibratedVerifierThatSeparatesHeldOutComparisons() {
        VerifierTraining.Trained t = VerifierTraining.train(samples(300, 1), 0.01, 1.0, 0.05).orElseThrow();
        VerificationModel model = t.model();
        assertEquals(300, t.genuineSamples());
        // The fit fold keeps each probe's hardest impostors (5 of 10), the calibration fold all of them.
        assertEquals(150 * VerifierTraining.FIT_IMPOSTORS_PER_PROBE + 150 * 10, t.impostorSamples());
        assertEquals(150, t.impostorProbes(), "the threshold is set on the held-back half of the probes");
        assertTrue(t.estimatedFar() <= 0.01, "estimated FAR " + t.estimatedFar());

        List<VerifierTraining.ProbeSample> unseen = samples(400, 2);
        long genuineAccepted = unseen.stream().filter(s -> model.probability(s.genuine()) >= model.threshold())
                .count();
        long impostorProbesAccepted = unseen.stream().filter(s -> s.impostors().stream()
                .anyMatch(e -> model.probability(e) >= model.threshold())).count();
        assertTrue(genuineAccepted > 0.7 * unseen.size(), "genuine accepted " + genuineAccepted);
        assertTrue(impostorProbesAccepted <= 0.03 * unseen.size(),
                "unseen impostor probes accepted " + impostorProbesAccepted + " of " + unseen.size());

        // Platt: more inliers of the same kind of match is a higher probability, always within 0..1.
        Random r = new Random(9);
        DogEvidence g = evidence(r, true);
        DogEvidence stronger = new DogEvidence(g.dogId(), g.fusedInliers() + 40,
                new PairMatch(g.best().inliers() + 40, g.best().tentative() + 40, g.best().scale(),
                        g.best().rotationDegrees(), g.best().coverage()), g.secondPhotoInliers());
        assertTrue(model.probability(stronger) > model.probability(g));
        assertTrue(model.probability(stronger) < 1 && model.probability(g) > 0);
    }

    @Test
    void learnsNothingFromTooFewComparisons() {
        assertTrue(VerifierTraining.train(samples(12, 3), 0.01, 1.0, 0.5).isEmpty(),
                "6 genuine samples per fold are too few for a model");
        List<VerifierTraining.ProbeSample> noGenuine = samples(100, 3).stream()
                .map(s -> new VerifierTraining.ProbeSample(null, s.impostors())).toList();
        assertTrue(VerifierTraining.train(noGenuine, 0.01, 1.0, 0.5).isEmpty(), "dogs with one photo each");
    }

    @Test
    void theThresholdLetsAtMostTheTargetShareOfImpostorProbesThroughAndKeepsItsFloor() {
        double[] best = new double[100];
        for (int i = 0; i < best.length; i++) {
            best[i] = i / 100.0;
        }
        double t = VerifierTraining.thresholdFor(best, 0.05, 0.1);
        assertEquals(5, java.util.Arrays.stream(best).filter(p -> p >= t).count());
        assertEquals(0.1, VerifierTraining.thresholdFor(new double[] {0.01, 0.02}, 0.01, 0.1), 1e-12,
                "weak impostors: the floor holds");
        double none = VerifierTraining.thresholdFor(best, 0.0, 0.1);
        assertTrue(none > 0.99, "no impostor may pass: above the strongest");
    }

    @Test
    void theStoredModelDecidesTheSameAfterARoundTripAndTheRuleUsesItsThreshold() {
        VerificationModel model = VerifierTraining.train(samples(200, 4), 0.01, 1.0, 0.05).orElseThrow().model();
        VerificationModel read = VerificationModel.decode(model.encode());
        assertEquals(model, read);
        Random r = new Random(5);
        DogEvidence genuine = evidence(r, true);
        assertEquals(model.probability(genuine), read.probability(genuine), 0);

        MatchRule rule = new MatchRule(MatcherSettings.defaults(), model);
        assertEquals(model.threshold(), rule.threshold());
        DogEvidence strong = new DogEvidence(UUID.randomUUID(), 200, new PairMatch(180, 200, 1.0, 1, 0.9), 120);
        DogEvidence weak = new DogEvidence(UUID.randomUUID(), 3, new PairMatch(3, 60, 2.2, 120, 0.05), 0);
        MatchDecision decision = rule.decide(List.of(weak, strong));
        assertTrue(decision.matched());
        assertEquals(strong.dogId(), decision.bestDogId());
        assertEquals(model.probability(strong), decision.score(), 1e-12, "the score is the calibrated probability");
        MatchDecision impostorOnly = rule.decide(List.of(weak));
        assertFalse(impostorOnly.matched());
        assertEquals(Optional.empty(), Optional.ofNullable(impostorOnly.bestDogId()));
    }
}
