package io.noseid.worker.detection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The ultralytics export layout decoding, on hand-made outputs. */
class YoloOutputTest {

    // A 640x480 photo letterboxed to 320: scale 0.5, 40 px of padding above and below.
    private static final Letterbox LETTERBOX = new Letterbox(new float[0], 0.5, 0, 40);

    private static float[] rows(float[]... rows) {
        int cols = rows[0].length;
        float[] out = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * cols, cols);
        }
        return out;
    }

    @Test
    void mapsCentreBoxesBackThroughTheLetterbox() {
        float[] out = rows(new float[] {160, 140, 40, 20, 0.9f, 0.8f});
        List<NoseDetection> got = YoloOutput.decode(out, new long[] {1, 1, 6}, 0, 0.25, 0.45, LETTERBOX, 640, 480);
        assertEquals(List.of(new NoseDetection(280, 180, 80, 40, 0.72)), roundConfidence(got));
    }

    @Test
    void scoreIsObjectnessTimesTheConfiguredClass() {
        // two classes: class 1 is the nose in this export
        float[] out = rows(new float[] {100, 100, 20, 20, 0.9f, 0.9f, 0.1f},
                new float[] {200, 200, 20, 20, 0.8f, 0.1f, 0.7f});
        List<NoseDetection> got = YoloOutput.decode(out, new long[] {1, 2, 7}, 1, 0.25, 0.45, LETTERBOX, 640, 480);
        assertEquals(1, got.size());
        assertEquals(380, got.getFirst().x());
        assertEquals(0.56, got.getFirst().confidence(), 1e-6);
    }

    @Test
    void overlappingBoxesAreSuppressedKeepingTheBest() {
        float[] out = rows(new float[] {100, 100, 40, 40, 0.6f, 1f},
                new float[] {102, 101, 40, 40, 0.9f, 1f},
                new float[] {250, 200, 30, 30, 0.5f, 1f});
        List<NoseDetection> got = YoloOutput.decode(out, new long[] {1, 3, 6}, 0, 0.25, 0.45, LETTERBOX, 640, 480);
        assertEquals(2, got.size());
        assertEquals(0.9, got.get(0).confidence(), 1e-6);
        assertEquals(0.5, got.get(1).confidence(), 1e-6);
    }

    @Test
    void boxesAreClippedToThePhoto() {
        float[] out = rows(new float[] {5, 45, 20, 20, 0.9f, 1f});
        NoseDetection d = YoloOutput.decode(out, new long[] {1, 1, 6}, 0, 0.25, 0.45, LETTERBOX, 640, 480).getFirst();
        assertEquals(0, d.x());
        assertEquals(0, d.y());
        assertEquals(30, d.width());
        assertEquals(30, d.height());
    }

    @Test
    void rejectsOtherLayoutsAndMissingClasses() {
        assertThrows(IllegalStateException.class,
                () -> YoloOutput.decode(new float[6], new long[] {1, 6}, 0, 0.25, 0.45, LETTERBOX, 640, 480));
        assertThrows(IllegalStateException.class,
                () -> YoloOutput.decode(new float[6], new long[] {1, 1, 6}, 1, 0.25, 0.45, LETTERBOX, 640, 480));
    }

    private static List<NoseDetection> roundConfidence(List<NoseDetection> detections) {
        return detections.stream()
                .map(d -> new NoseDetection(d.x(), d.y(), d.width(), d.height(), Math.round(d.confidence() * 1e6) / 1e6))
                .toList();
    }
}
