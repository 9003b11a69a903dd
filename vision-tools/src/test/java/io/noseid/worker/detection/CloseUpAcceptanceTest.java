package io.noseid.worker.detection;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 12's acceptance on the close-up test set ({@link CloseUpTestSet}) with the shipped model and threshold, through
 * the worker's code path: 300 rendered close-ups of the held-out seed and at least 200 no-nose photos always; the
 * dog-nose-boxes test split's close-ups and no-nose crops when ../shared/datasets is present (that part is skipped
 * with a message otherwise, the images are not in the repository).
 * <p>
 * KNOWN GAP (issue 12, open): the dataset's close-ups (zoomed 160 px face crops) are found 86.4 % of the time, not
 * the 95 % the issue asks; that figure is held as a regression floor of 85 % (see DetectorAcceptanceTest).
 */
class CloseUpAcceptanceTest {

    private static CloseUpTestSet.Report report;

    @BeforeAll
    static void measure() {
        try (NoseDetector detector = NoseDetector.load(DetectorSettings.defaults())) {
            report = CloseUpTestSet.evaluate(detector, EvaluationSet.findDataset(), 75, 240);
        }
        System.out.println("Shipped nose model on the close-up test set:\n" + report);
    }

    @Test
    void shippedModelFindsRenderedCloseUpsAndRefusesRenderedNoNosePhotos() {
        assertTrue(report.rendered() >= 300 && report.renderedNoNose() >= 200, report.toString());
        assertTrue(report.renderedRate() >= 0.98, "rendered close-ups found " + report.renderedRate());
        double accepted = report.renderedNoNoseAccepted() / (double) report.renderedNoNose();
        assertTrue(accepted <= 0.03, "rendered no-nose photos accepted " + accepted);
    }

    @Test
    void shippedModelFindsTheDatasetsCloseUpsAndRefusesItsNoNoseCrops() {
        assumeTrue(report.datasetCloseUps() > 0, "Skipped: dog-nose-boxes not found at ../shared/datasets/"
                + "dog-nose-boxes (or -Dnoseid.datasets=DIR); the dataset part of the close-up test set needs the "
                + "real photos");
        // Issue target 0.95 is not met (0.864 measured): regression floor only, see the class comment.
        assertTrue(report.datasetRate() >= 0.85, "dog-nose-boxes close-ups found " + report.datasetRate());
        assertTrue(report.noNoseAcceptance() <= 0.03, "all no-nose images accepted " + report.noNoseAcceptance());
    }
}
