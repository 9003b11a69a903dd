package io.noseid.worker.analysis;

import io.noseid.worker.config.WorkerConfig;
import io.noseid.worker.detection.DetectorSettings;
import io.noseid.worker.detection.NoseDetector;
import io.noseid.worker.detection.NoseQualityGate;
import io.noseid.worker.detection.QualitySettings;
import io.noseid.worker.detection.SecondLook;
import io.noseid.worker.adaptation.ServedMatcher;
import io.noseid.worker.matcher.GeometricVerifier;
import io.noseid.worker.gallery.JdbcGalleryStore;
import io.noseid.worker.gallery.MatcherVersionStore;
import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.Vocabulary;
import io.noseid.worker.photo.PhotoDecoder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Optional;
import javax.sql.DataSource;

/** Wires the plain-Java vision pipeline into Quarkus: every model is loaded once, at start. */
@ApplicationScoped
public class VisionBeans {

    private static final Logger LOG = Logger.getLogger(VisionBeans.class);

    private NoseDetector detector;

    @Produces
    @Singleton
    MatcherSettings matcherSettings(WorkerConfig config) {
        return MatcherSettings.from(config.matcher());
    }

    @Produces
    @Singleton
    Vocabulary vocabulary() {
        return Vocabulary.loadDefault();
    }

    @Produces
    @Singleton
    FeatureExtractor featureExtractor(MatcherSettings settings, Vocabulary vocabulary) {
        return new FeatureExtractor(settings, vocabulary);
    }

    @Produces
    @Singleton
    JdbcGalleryStore galleryStore(DataSource dataSource) {
        return new JdbcGalleryStore(dataSource);
    }

    @Produces
    @Singleton
    MatcherVersionStore matcherVersions(DataSource dataSource) {
        return new MatcherVersionStore(dataSource);
    }

    /** The matcher version the gallery's table names ACTIVE (the shipped vocabulary's on a fresh database). */
    @Produces
    @Singleton
    ServedMatcher servedMatcher(MatcherSettings settings, Vocabulary vocabulary, JdbcGalleryStore store,
                                MatcherVersionStore versions) {
        ServedMatcher served = new ServedMatcher(store, versions, settings, vocabulary.version());
        LOG.infof("Gallery loaded: %d dogs, matcher version %s, descriptor matching %s", served.matcher().gallerySize(),
                served.version().name(), GeometricVerifier.simd() ? "in SIMD"
                        : "scalar (start the JVM with --add-modules jdk.incubator.vector for SIMD)");
        return served;
    }

    void closeMatcher(@Disposes ServedMatcher served) {
        served.close();
    }

    @Produces
    @Singleton
    PhotoAnalyser photoAnalyser(WorkerConfig config, FeatureExtractor extractor) {
        Optional<NoseDetector> nose = Optional.empty();
        if (config.detector().enabled()) {
            long start = System.nanoTime();
            detector = NoseDetector.load(detectorSettings(config.detector()));
            LOG.infof("Nose detector loaded and warmed up in %d ms", (System.nanoTime() - start) / 1_000_000);
            nose = Optional.of(detector);
        } else {
            LOG.warn("Nose detector disabled: every photo is taken as a nose crop");
        }
        return new PhotoAnalyser(new PhotoDecoder(), nose, new NoseQualityGate(QualitySettings.from(config.quality())),
                extractor);
    }

    @PreDestroy
    void closeDetector() {
        if (detector != null) {
            detector.close();
        }
    }

    static DetectorSettings detectorSettings(WorkerConfig.Detector config) {
        DetectorSettings defaults = DetectorSettings.defaults();
        SecondLook look = defaults.secondLook();
        WorkerConfig.Detector.SecondLook lookConfig = config.secondLook();
        return new DetectorSettings(
                config.model().orElse(defaults.modelLocation()),
                config.inputSize().orElse(defaults.inputSize()),
                config.noseClassIndex().orElse(defaults.noseClassIndex()),
                config.confidenceThreshold().orElse(defaults.confidenceThreshold()),
                config.iouThreshold().orElse(defaults.iouThreshold()),
                new SecondLook(lookConfig.enabled().orElse(look.enabled()),
                        lookConfig.imageShare().orElse(look.imageShare()),
                        lookConfig.threshold().orElse(look.threshold())));
    }
}
