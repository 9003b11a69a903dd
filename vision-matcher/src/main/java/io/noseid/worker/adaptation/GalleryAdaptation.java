package io.noseid.worker.adaptation;

import io.noseid.worker.gallery.GalleryStore;
import io.noseid.worker.gallery.MatcherVersionStore;
import io.noseid.worker.matcher.Codebook;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.VerificationModel;
import io.noseid.worker.matcher.Vocabulary;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Builds a matcher version from the enrolled dogs' stored templates and switches the gallery to it:
 * <ol>
 *   <li>a uniform sample of the gallery's descriptors is clustered into a new vocabulary tree (as deep as the sample
 *       can train), and every stored photo is counted for its idf;</li>
 *   <li>the version is created (BUILDING): from then on every enrolment is also written in it;</li>
 *   <li>every dog is re-indexed from its stored templates (keypoints and descriptors do not depend on the version;
 *       their words and Hamming signatures are computed anew);</li>
 *   <li>the open-set threshold is calibrated on the gallery itself: a photo of each sampled dog probes every other
 *       dog through the new version's shortlist and verification, and the threshold is set for the target FAR;</li>
 *   <li>the version is READY: workers load it beside the one they serve; once every live worker has (or the switch
 *       timeout passed) it becomes ACTIVE in one transaction with the dogs enrolled since the re-index.</li>
 * </ol>
 * Identification and registration go on with the current version throughout. Run again for the same job (a worker
 * died mid-way), a version still BUILDING is discarded and built anew, a READY one is switched to, an ACTIVE one
 * answered.
 */
public final class GalleryAdaptation {

    private static final Logger LOG = Logger.getLogger(GalleryAdaptation.class.getName());
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    /** Told as the adaptation advances, 0..1. */
    public interface Progress {
        void progress(double fraction);
    }

    /** Waits until every live worker has loaded a version beside the one it serves; false after the timeout. */
    public interface SwitchBarrier {
        boolean awaitPrepared(String version, Duration timeout);
    }

    /** The gallery cannot be adapted (too few dogs); retrying will not help until more are enrolled. */
    public static final class GalleryTooSmallException extends RuntimeException {
        GalleryTooSmallException(String message) {
            super(message);
        }
    }

    private final GalleryStore store;
    private final MatcherVersionStore versions;
    private final MatcherSettings matcher;
    private final AdaptationSettings settings;

    public GalleryAdaptation(GalleryStore store, MatcherVersionStore versions, MatcherSettings matcher,
                             AdaptationSettings settings) {
        this.store = store;
        this.versions = versions;
        this.matcher = matcher;
        this.settings = settings;
    }

    /** @return the version now active, with its calibration */
    public MatcherVersionStore.Version run(UUID jobId, Progress progress, SwitchBarrier barrier) {
        MatcherVersionStore.Version earlier = versions.byJob(jobId).orElse(null);
        if (earlier != null && (earlier.state() == MatcherVersionStore.State.ACTIVE
                || earlier.state() == MatcherVersionStore.State.PREVIOUS
                || earlier.state() == MatcherVersionStore.State.RETIRED)) {
            return earlier;
        }
        if (earlier != null && earlier.state() == MatcherVersionStore.State.READY) {
            LOG.info("Adaptation resumed at the switch to " + earlier.name());
            return switchTo(earlier.name(), progress, barrier);
        }
        if (earlier != null) {
            LOG.info("Discarding the unfinished matcher version " + earlier.name() + " of an earlier attempt");
            versions.discard(earlier.name());
        }
        String current = versions.active().orElseThrow(() -> new IllegalStateException("no active matcher version"))
                .name();
        List<UUID> dogs = versions.dogs(current);
        if (dogs.size() < settings.minDogs()) {
            throw new GalleryTooSmallException(dogs.size() + " dogs are enrolled; an adaptation needs at least "
                    + settings.minDogs());
        }
        String name = "gallery-" + NAME_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + jobId.toString().substring(0, 8);
        long start = System.nanoTime();
        Random random = new Random(jobId.getMostSignificantBits());

        // 1. Vocabulary: learned from every enrolled photo's descriptors.
        VocabularyLearner.Learned learned = new VocabularyLearner(settings).learn(name, dogs, store::templates,
                random, f -> progress.progress(0.45 * f));
        Vocabulary vocabulary = learned.vocabulary();
        int photos = learned.photos();
        LOG.info(String.format("Matcher version %s: vocabulary of %d words from %d of %d descriptors, %d dogs, "
                        + "%d photos, in %.1f s", name, vocabulary.wordCount(), learned.sampledDescriptors(),
                learned.descriptors(), dogs.size(), photos, (System.nanoTime() - start) / 1e9));

        // 2. and 3. From now on enrolments are written in the new version too; re-index every dog.
        versions.create(vocabulary, jobId, matcher.targetFar());
        try {
            Codebook codebook = new Codebook(vocabulary);
            for (int i = 0; i < dogs.size(); i++) {
                UUID dog = dogs.get(i);
                List<NoseTemplate> templates = store.templates(dog);
                if (!templates.isEmpty()) {
                    versions.insertIfStored(codebook.indexEntry(dog, templates, matcher));
                }
                progress.progress(0.45 + 0.25 * (i + 1) / dogs.size());
            }

            // 4. The threshold and the SVM verifier, from the gallery's own genuine and impostor comparisons.
            ImpostorCalibration.Calibration calibration = calibrate(codebook, dogs, random, progress);
            ThresholdCalibration inliers = calibration.threshold();
            LOG.info(String.format("Matcher version %s: inlier threshold %.0f for a target FAR of %.3f "
                            + "(%d impostor probes, estimated FAR %.4f)", name, inliers.inlierThreshold(),
                    matcher.targetFar(), inliers.impostorProbes(), inliers.estimatedFar()));
            VerificationModel verifier = calibration.verifier().map(VerifierTraining.Trained::model).orElse(null);
            double estimatedFar = calibration.verifier().map(VerifierTraining.Trained::estimatedFar)
                    .orElse(inliers.estimatedFar());
            calibration.verifier().ifPresentOrElse(t -> LOG.info(String.format("Matcher version %s: SVM verifier "
                            + "from %d genuine and %d impostor comparisons, match probability %.3f (estimated FAR "
                            + "%.4f on %d held-back impostor probes)", name, t.genuineSamples(), t.impostorSamples(),
                    t.model().threshold(), t.estimatedFar(), t.impostorProbes())),
                    () -> LOG.info("Matcher version " + name + ": no SVM verifier (disabled or too few samples); "
                            + "the calibrated inlier threshold decides"));
            versions.ready(name, inliers.inlierThreshold(), verifier, estimatedFar, dogs.size(), photos);
        } catch (RuntimeException e) {
            versions.discard(name);
            throw e;
        }
        return switchTo(name, progress, barrier);
    }

    private ImpostorCalibration.Calibration calibrate(Codebook codebook, List<UUID> dogs, Random random,
                                                      Progress progress) {
        try (NoseMatcher candidate = new NoseMatcher(matcher, codebook, store, null)) {
            return ImpostorCalibration.calibrate(candidate, dogs, store::templates, settings.calibrationProbes(),
                    random, matcher.targetFar(), settings.minInlierThreshold(), settings.verifier(),
                    f -> progress.progress(0.7 + 0.25 * f));
        }
    }

    private MatcherVersionStore.Version switchTo(String name, Progress progress, SwitchBarrier barrier) {
        if (!barrier.awaitPrepared(name, settings.switchTimeout())) {
            LOG.warning("Not every worker loaded matcher version " + name + " within " + settings.switchTimeout()
                    + "; switching anyway (a late worker switches once it has loaded it, answering with the "
                    + "previous version meanwhile)");
        }
        Vocabulary vocabulary = versions.vocabulary(name);
        Codebook codebook = new Codebook(vocabulary);
        versions.activate(name, missing -> missing.stream()
                .map(dog -> codebook.indexEntry(dog, store.templates(dog), matcher))
                .filter(e -> !e.photos().isEmpty())
                .toList());
        progress.progress(1.0);
        LOG.info("Matcher version " + name + " is active");
        return versions.byName(name).orElseThrow();
    }
}
