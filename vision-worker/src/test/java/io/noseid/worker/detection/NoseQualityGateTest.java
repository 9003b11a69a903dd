package io.noseid.worker.detection;

import io.noseid.shared.PhotoRejection;
import io.noseid.worker.vision.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoseQualityGateTest {

    private final NoseQualityGate gate = new NoseQualityGate(new QualitySettings(48, 60.0, 0.15, 128, 0));

    @BeforeAll
    static void opencv() {
        OpenCv.ensureLoaded();
    }

    /** Fine random texture, like the bead pattern of a nose: sharp. */
    private static Mat textured(int rows, int cols) {
        Mat image = new Mat(rows, cols, CvType.CV_8UC3);
        Core.setRNGSeed(42);
        Core.randu(image, 0, 255);
        Imgproc.GaussianBlur(image, image, new Size(3, 3), 0.8);
        return image;
    }

    @Test
    void noDetectionTellsTheOwnerHowToHoldThePhone() {
        Optional<PhotoRejection> reason = gate.rejectionReason(textured(100, 100), Optional.empty());
        assertEquals(Optional.of(PhotoRejection.NO_NOSE), reason);
        assertTrue(reason.get().english().contains("10-20 cm"));
    }

    @Test
    void darkNoseIsRefusedAsTooDarkBeforeItsSharpnessIsJudged() {
        Mat dark = new Mat();
        Core.multiply(textured(400, 400), new org.opencv.core.Scalar(0.12, 0.12, 0.12), dark);
        NoseDetection nose = new NoseDetection(100, 100, 200, 160, 0.9);
        assertTrue(NoseQualityGate.luminance(dark, nose) < 20, "luminance " + NoseQualityGate.luminance(dark, nose));
        NoseQualityGate strict = new NoseQualityGate(new QualitySettings(48, 1e6, 0.15, 128, 40));
        assertEquals(Optional.of(PhotoRejection.TOO_DARK), strict.rejectionReason(dark, Optional.of(nose)));
        assertEquals(Optional.of(PhotoRejection.BLURRED), strict.rejectionReason(textured(400, 400),
                Optional.of(nose)), "a bright photo is judged on its sharpness");
        NoseQualityGate off = new NoseQualityGate(new QualitySettings(48, 1e6, 0.15, 128, 0));
        assertEquals(Optional.of(PhotoRejection.BLURRED), off.rejectionReason(dark, Optional.of(nose)),
                "0 turns the darkness check off");
        assertEquals(0.0, QualitySettings.defaults().minLuminance(), "off by default");
    }

    @Test
    void smallNoseIsRejected() {
        Mat image = textured(480, 640);
        assertEquals(Optional.of(PhotoRejection.NOSE_TOO_SMALL),
                gate.rejectionReason(image, Optional.of(new NoseDetection(300, 200, 60, 40, 0.9))));
    }

    @Test
    void blurredNoseIsRejectedAndSharpOneAccepted() {
        Mat sharp = textured(400, 400);
        NoseDetection nose = new NoseDetection(100, 100, 200, 160, 0.9);
        assertEquals(Optional.empty(), gate.rejectionReason(sharp, Optional.of(nose)));
        Mat blurred = new Mat();
        Imgproc.GaussianBlur(sharp, blurred, new Size(0, 0), 6);
        assertEquals(Optional.of(PhotoRejection.BLURRED), gate.rejectionReason(blurred, Optional.of(nose)));
        assertTrue(NoseQualityGate.sharpness(sharp, nose, 128) > 10 * NoseQualityGate.sharpness(blurred, nose, 128));
    }

    @Test
    void closeUpFillingTheWholeFrameIsAccepted() {
        Mat closeUp = textured(1200, 900);
        NoseDetection nose = new NoseDetection(0, 0, 900, 1200, 0.8);
        assertEquals(Optional.empty(), gate.rejectionReason(closeUp, Optional.of(nose)));
    }

    @Test
    void cropAddsTheMarginAndStaysInsideTheImage() {
        Mat image = textured(200, 300);
        Mat inside = gate.crop(image, new NoseDetection(100, 50, 100, 80, 0.9));
        assertEquals(130, inside.cols());
        assertEquals(104, inside.rows());
        Mat corner = gate.crop(image, new NoseDetection(250, 150, 50, 50, 0.9));
        assertEquals(58, corner.cols());
        assertEquals(58, corner.rows());
        // the crop holds the image's own pixels
        Mat expected = new Mat(image, new Rect(85, 38, 130, 104));
        Mat diff = new Mat();
        Core.absdiff(inside, expected, diff);
        assertEquals(0, Core.sumElems(diff).val[0]);
        assertEquals(0, Core.sumElems(diff).val[1]);
    }
}
