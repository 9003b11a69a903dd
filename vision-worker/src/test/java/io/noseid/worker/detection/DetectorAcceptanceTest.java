package io.noseid.worker.detection;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The acceptance figures on the test split of dog-nose-boxes, with the shipped model and the worker's code
 * path. Skipped when ../shared/datasets is absent (the images are not part of the repository).
 */
class DetectorAcceptanceTest {

    private static Path dataset;

    @BeforeAll
    static void dataset() {
        Optional<Path> found = EvaluationSet.findDataset();
        assumeTrue(found.isPresent(), "Skipped: dog-nose-boxes not found at ../shared/datasets/dog-nose-boxes "
                + "(or -Dnoseid.datasets=DIR); the detector acceptance figures need the real photos");
        dataset = found.get();
    }

    @Test
    void shippedModelMeetsTheAcceptanceFiguresOnTheTestSplit() {
        try (NoseDetector detector = NoseDetector.load(DetectorSettings.defaults())) {
            DetectorEvaluation.Report report = DetectorEvaluation.evaluate(detector, dataset, "test");
            System.out.println("Shipped nose model on the test split:\n" + report);
            assertTrue(report.ap50() >= 0.90, "AP@0.5 " + report.ap50());
            assertTrue(report.closeUpHitRate() >= 0.95, "close-up hit rate " + report.closeUpHitRate());
            assertTrue(report.negatives() >= 200, "only " + report.negatives() + " no-nose images");
            assertTrue(report.negativeAcceptance() <= 0.05, "no-nose acceptance " + report.negativeAcceptance());
        }
    }

    @Test
    void secondExportAtAnotherInputSizeWorksThroughTheSameCodePath() {
        DetectorSettings settings = DetectorSettings.defaults()
                .withModel("classpath:models/nose-yolov5-256.torchscript", 256);
        try (NoseDetector detector = NoseDetector.load(settings)) {
            DetectorEvaluation.Report report = DetectorEvaluation.evaluate(detector, dataset, "test");
            System.out.println("Second export (256 px) on the test split:\n" + report);
            assertTrue(report.ap50() >= 0.80, "AP@0.5 " + report.ap50());
            assertTrue(report.closeUpHitRate() >= 0.90, "close-up hit rate " + report.closeUpHitRate());
        }
    }
}
