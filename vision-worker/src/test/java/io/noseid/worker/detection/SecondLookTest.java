package io.noseid.worker.detection;

import io.noseid.worker.vision.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecondLookTest {

    private static final SecondLook LOOK = new SecondLook(true, 0.6, 0.60);

    @BeforeAll
    static void openCv() {
        OpenCv.ensureLoaded();
    }

    @Test
    void thePhotoLiesCentredOnAGreyCanvasAtItsShare() {
        Mat photo = new Mat(120, 300, CvType.CV_8UC3, new Scalar(10, 20, 30));
        SecondLook.Canvas canvas = LOOK.canvas(photo);
        assertEquals(500, canvas.image().cols());
        assertEquals(500, canvas.image().rows());
        assertEquals(100, canvas.padX());
        assertEquals(190, canvas.padY());
        assertArrayEquals(new double[] {10, 20, 30}, canvas.image().get(190, 100));
        assertArrayEquals(new double[] {10, 20, 30}, canvas.image().get(309, 399));
        assertArrayEquals(new double[] {114, 114, 114}, canvas.image().get(189, 100));
        assertArrayEquals(new double[] {114, 114, 114}, canvas.image().get(190, 400));
    }

    @Test
    void canvasBoxesMapBackToThePhotoClippedToIt() {
        SecondLook.Canvas canvas = LOOK.canvas(new Mat(120, 300, CvType.CV_8UC3));
        assertEquals(new NoseDetection(50, 10, 100, 60, 0.7),
                canvas.toPhoto(new NoseDetection(150, 200, 100, 60, 0.7)));
        assertEquals(new NoseDetection(0, 0, 30, 40, 0.5),
                canvas.toPhoto(new NoseDetection(80, 150, 50, 80, 0.5)));
        assertNull(canvas.toPhoto(new NoseDetection(0, 0, 90, 90, 0.9)), "a box on the grey border only");
    }

    @Test
    void onlyAnAgreeingSecondLookCounts() {
        NoseDetection first = new NoseDetection(100, 100, 100, 100, 0.5);
        List<NoseDetection> second = Arrays.asList(
                new NoseDetection(300, 300, 100, 100, 0.95),   // elsewhere: no support
                new NoseDetection(110, 105, 100, 100, 0.70),   // the same nose
                null);
        assertEquals(0.70, SecondLook.agreeing(first, second));
        assertEquals(0, SecondLook.agreeing(first, List.of(new NoseDetection(160, 160, 100, 100, 0.9))));
    }

    @Test
    void theMeanOfBothLooksDecidesAndALowFirstLookIsNotWorthASecond() {
        assertEquals(0.2, LOOK.firstLookFloor(), 1e-9);
        assertFalse(LOOK.worthALook(0.19));
        assertTrue(LOOK.worthALook(0.2));
        assertTrue(LOOK.accepts(0.5, 0.7));
        assertFalse(LOOK.accepts(0.5, 0.69));
        assertFalse(SecondLook.OFF.worthALook(0.79));
        assertFalse(SecondLook.OFF.accepts(1, 1));
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SecondLook(true, 0, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new SecondLook(true, 1.2, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new SecondLook(true, 0.6, 1.5));
    }
}
