package io.noseid.worker.matcher.synthetic;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link NoseParamsV2#detectorCloseUps()} pins the nose detector's rendered data sets
 * (tools/nose-detector/MODEL_CARD.md): re-calibrating generator v2's {@link NoseParamsV2#defaults()} or adding a
 * knob must leave its pictures bit for bit as they were. The hashes were taken before generator v2's calibration
 * (calib-v2, 2026-12-07) and cover frames of one capture, burst frames and new captures (photos 0-5 of two dogs),
 * both as crops and as framed close-ups.
 */
class DetectorCloseUpsPinnedTest {

    @Test
    void detectorCloseUpsRenderTheSamePicturesAsBeforeCalibration() {
        SyntheticNoseGeneratorV2 g = new SyntheticNoseGeneratorV2(7100, NoseParamsV2.detectorCloseUps());
        CloseUpRenderer r = new CloseUpRenderer(7100, NoseParamsV2.detectorCloseUps());
        StringBuilder got = new StringBuilder();
        for (int d = 0; d < 2; d++) {
            var dog = g.dog(d);
            for (int k = 0; k < 6; k++) {
                got.append(Long.toHexString(hash(g.photo(dog, k)))).append(' ')
                        .append(Long.toHexString(hash(r.render(dog, k).image()))).append(' ');
            }
        }
        assertEquals(EXPECTED, got.toString().trim());
    }

    private static final String EXPECTED =
            "d61adf315e70eeda 2a2de3eca6c1d52a 9aa256b26210faa4 d2fc646123c8aad6 5bad79aa6c88f366 bc2d5f1ab1f587fe "
            + "ac225c05b742381b 74506cbe15523fbf 38b0c29034a24994 6c88ea7b7d428f28 8ca076f53cb26f49 2f498977c638e652 "
            + "25a63f9479d9a63e 955edae16c30b7a4 865612f8d390c2b7 656117f1ccfe70d2 ee6f518e1e268e98 bfecfb6fce005ff "
            + "fd7069ac5d3b9061 94cae4e91567d831 4f306ec24016cf86 a04738124b31bdda 95689d077df22d22 cb8cf6e79f4e0f6d";

    private static long hash(Mat m) {
        byte[] b = new byte[(int) (m.total() * m.channels())];
        m.get(0, 0, b);
        long h = 0xcbf29ce484222325L ^ m.rows() * 31L ^ m.cols();
        for (byte x : b) {
            h = (h ^ (x & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
