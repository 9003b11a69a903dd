package io.noseid.worker.adaptation;

import io.noseid.worker.gallery.GalleryTestDatabase;
import io.noseid.worker.gallery.JdbcGalleryStore;
import io.noseid.worker.gallery.MatcherVersionStore;
import io.noseid.worker.matcher.DogEvidence;
import io.noseid.worker.matcher.MatchDecision;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.TestTemplates;
import io.noseid.worker.matcher.VerificationModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An adaptation in a real MariaDB gallery: a new version learned from the enrolled dogs' templates, a registration and
 * a deletion while it is READY (both must be in the version that becomes active), the switch, and a restart.
 */
class GalleryAdaptationTest {

    private static final int DOGS = 12;
    private final MatcherSettings settings = MatcherSettings.defaults();
    private final AdaptationSettings adaptation = AdaptationSettings.of(Map.of(
            "adaptation.min-dogs", "10", "adaptation.sample-descriptors", "20000",
            "adaptation.calibration-probes", "12"));
    private GalleryTestDatabase db;
    private JdbcGalleryStore store;
    private MatcherVersionStore versions;

    @BeforeEach
    void createDatabase() throws Exception {
        db = new GalleryTestDatabase();
        store = new JdbcGalleryStore(db.dataSource());
        versions = new MatcherVersionStore(db.dataSource());
    }

    @AfterEach
    void dropDatabase() throws Exception {
        db.close();
    }

    private ServedMatcher served() {
        return new ServedMatcher(store, versions, settings, TestTemplates.extractor().vocabulary().version());
    }

    @Test
    void learnsAVersionFromTheGallerySwitchesToItAndKeepsWhatChangedMeanwhile() {
        ServedMatcher served = served();
        String shipped = served.version().name();
        List<UUID> dogs = new ArrayList<>();
        for (int d = 0; d < DOGS; d++) {
            UUID id = UUID.randomUUID();
            served.matcher().enrol(id, TestTemplates.templates(d, 0, 4));
            dogs.add(id);
        }
        UUID lateDog = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        List<Double> progress = new ArrayList<>();

        MatcherVersionStore.Version adapted = new GalleryAdaptation(store, versions, settings, adaptation)
                .run(jobId, progress::add, (version, timeout) -> {
                    // While the version is READY: this worker loads it beside the served one, a dog is registered
                    // and another deleted on the version still served.
                    assertTrue(served.refresh() == false && served.preparedVersion().orElseThrow().equals(version));
                    served.matcher().enrol(lateDog, TestTemplates.templates(DOGS, 0, 4));
                    served.matcher().remove(dogs.get(0));
                    served.catchUp();
                    return true;
                });

        assertNotEquals(shipped, adapted.name());
        assertEquals(MatcherVersionStore.State.ACTIVE, adapted.state());
        assertEquals(DOGS, adapted.dogs());
        assertEquals(DOGS * 4, adapted.photos());
        assertTrue(adapted.inlierThreshold() >= adaptation.minInlierThreshold());
        assertTrue(adapted.estimatedFar() <= settings.targetFar(), "FAR " + adapted.estimatedFar());
        assertNull(adapted.verifier(), "12 probes are too few comparisons for an SVM: the inlier rule decides");
        assertEquals(1.0, progress.getLast());
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress only rises");
        }
        assertEquals(MatcherVersionStore.State.PREVIOUS, versions.byName(shipped).orElseThrow().state());

        assertTrue(served.refresh(), "the worker switches to the active version");
        assertEquals(adapted.name(), served.version().name());
        assertEquals(DOGS, served.matcher().gallerySize(), "11 re-indexed dogs and the one registered meanwhile");
        assertFalse(served.matcher().isEnrolled(dogs.get(0)), "the dog deleted meanwhile is gone");
        MatchDecision late = served.matcher().identify(List.of(TestTemplates.template(DOGS, 4)));
        assertTrue(late.matched() && late.bestDogId().equals(lateDog), "registered during the adaptation: " + late);
        MatchDecision known = served.matcher().identify(List.of(TestTemplates.template(3, 4)));
        assertTrue(known.matched() && known.bestDogId().equals(dogs.get(3)), "an unseen photo of dog 3: " + known);
        assertTrue(served.matcher().identify(List.of(TestTemplates.template(DOGS + 1, 0))).bestDogId() == null,
                "a stranger matches nobody");

        // A restarted worker comes back on the adapted version, with its calibrated threshold.
        try (ServedMatcher restarted = served()) {
            assertEquals(adapted.name(), restarted.version().name());
            assertEquals(adapted.inlierThreshold(), restarted.matcher().settings().inlierThreshold());
            assertEquals(DOGS, restarted.matcher().gallerySize());
        }
        // The job redelivered after it ended answers the same version without building another.
        assertEquals(adapted.name(), new GalleryAdaptation(store, versions, settings, adaptation)
                .run(jobId, f -> { }, (v, t) -> true).name());
        served.close();
    }

    @Test
    void aLargerGalleryGetsAnSvmVerifierThatDecidesAfterARestart() {
        int dogs = 30;
        AdaptationSettings withVerifier = AdaptationSettings.of(Map.of("adaptation.min-dogs", "10",
                "adaptation.sample-descriptors", "20000", "adaptation.calibration-probes", String.valueOf(dogs),
                "adaptation.verifier.min-threshold", "0.3"));
        List<UUID> ids = new ArrayList<>();
        try (ServedMatcher served = served()) {
            for (int d = 0; d < dogs; d++) {
                UUID id = UUID.randomUUID();
                served.matcher().enrol(id, TestTemplates.templates(d, 0, 4));
                ids.add(id);
            }
        }
        MatcherVersionStore.Version adapted = new GalleryAdaptation(store, versions, settings, withVerifier)
                .run(UUID.randomUUID(), f -> { }, (v, t) -> true);
        VerificationModel verifier = adapted.verifier();
        assertNotNull(verifier, "30 probes with their genuine and impostor comparisons train the verifier");
        assertTrue(verifier.threshold() >= 0.3, "the configured floor holds: " + verifier.threshold());
        assertEquals(verifier.threshold(), adapted.scoreThreshold(), "the ADAPTED result reports this threshold");
        assertTrue(adapted.estimatedFar() <= 2 * settings.targetFar() + 1.0 / 15, "FAR " + adapted.estimatedFar());

        try (ServedMatcher restarted = served()) {
            assertEquals(adapted.name(), restarted.version().name());
            assertEquals(verifier, restarted.version().verifier(), "the verifier is read back as stored");
            NoseMatcher.Identification known = restarted.matcher().identifyDetailed(
                    List.of(TestTemplates.template(7, 4)));
            assertTrue(known.decision().matched() && known.decision().bestDogId().equals(ids.get(7)),
                    "an unseen photo of dog 7: " + known.decision());
            DogEvidence best = known.evidence().stream().filter(e -> e.dogId().equals(ids.get(7))).findFirst()
                    .orElseThrow();
            assertEquals(verifier.probability(best), known.decision().score(), 1e-12,
                    "the score is the verifier's calibrated probability");
            assertFalse(restarted.matcher().identify(List.of(TestTemplates.template(dogs + 1, 0))).matched(),
                    "a stranger matches nobody");
        }
    }

    @Test
    void aGalleryTooSmallIsRefusedAndNothingIsBuilt() {
        try (ServedMatcher served = served()) {
            served.matcher().enrol(UUID.randomUUID(), TestTemplates.templates(0, 0, 4));
            GalleryAdaptation adaptationRun = new GalleryAdaptation(store, versions, settings, adaptation);
            UUID job = UUID.randomUUID();
            assertThrows(GalleryAdaptation.GalleryTooSmallException.class,
                    () -> adaptationRun.run(job, f -> { }, (v, t) -> true));
            assertTrue(versions.byJob(job).isEmpty());
            assertNotNull(versions.active().orElseThrow());
        }
    }
}
