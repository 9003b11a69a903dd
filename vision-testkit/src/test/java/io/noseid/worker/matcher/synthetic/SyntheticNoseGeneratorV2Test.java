package io.noseid.worker.matcher.synthetic;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticNoseGeneratorV2Test {

    @Test
    void deterministicDarkAndSizedLikeRealCloseUps() {
        NoseGenerator a = NoseGenerator.of("v2", 5, "");
        NoseGenerator b = NoseGenerator.of("v2", 5, null);
        Mat p1 = a.photo(a.dog(3), 1);
        Mat p2 = b.photo(b.dog(3), 1);
        assertEquals(p1.size(), p2.size());
        Mat diff = new Mat();
        Core.absdiff(p1, p2, diff);
        assertEquals(0.0, Core.sumElems(diff).val[0], "same seed, same photo");
        assertEquals(3, p1.channels());
        var dog = a.dog(4);
        for (int k = 0; k < 6; k++) {
            Mat m = a.photo(dog, k);
            int shortSide = Math.min(m.rows(), m.cols());
            assertTrue(shortSide >= 140 && shortSide <= 420, "short side " + shortSide);
            Mat gray = new Mat();
            Imgproc.cvtColor(m, gray, Imgproc.COLOR_BGR2GRAY);
            double lum = Core.mean(gray).val[0];
            assertTrue(lum > 15 && lum < 180, "mean luminance " + lum);
        }
        assertEquals("v2 seed 5", a.name());
    }

    @Test
    void parametersByNameOverTheDefaults() {
        NoseParamsV2 p = NoseParamsV2.parse("burst=0.5, deform=2");
        assertEquals(0.5, p.burst());
        assertEquals(2, p.deform());
        assertEquals(NoseParamsV2.defaults().relief(), p.relief());
        assertEquals("burst=0.5,deform=2.0", p.differences());
        assertEquals("", NoseParamsV2.defaults().differences());
        assertThrows(IllegalArgumentException.class, () -> NoseParamsV2.parse("nope=1"));
        assertNotEquals(NoseGenerator.of("v2", 5, "burst=0.5").name(), NoseGenerator.of("v2", 5, "").name());
    }

    /** frameJitter moves a photo around its capture; the dog (its pattern) and the detector's values stay. */
    @Test
    void frameJitterChangesFramesNotTheDog() {
        NoseGenerator calm = NoseGenerator.of("v2", 5, "frameJitter=1");
        NoseGenerator shaky = NoseGenerator.of("v2", 5, "frameJitter=3");
        Mat diff = new Mat();
        Core.absdiff(calm.dog(2).canonical(), shaky.dog(2).canonical(), diff);
        assertEquals(0.0, Core.sumElems(diff).val[0], "same dog");
        Mat a = calm.photo(calm.dog(2), 0);
        Mat b = shaky.photo(shaky.dog(2), 0);
        assertTrue(!a.size().equals(b.size()) || Core.norm(a, b) > 0, "another frame");
        assertEquals(1.0, NoseParamsV2.detectorCloseUps().frameJitter());
        assertEquals(NoseParamsV2.detectorCloseUps().beadRadius(), 5.5);
    }

    @Test
    void versionOneIsTheUnchangedGenerator() {
        Mat wrapped = NoseGenerator.v1(9).photo(NoseGenerator.v1(9).dog(2), 3);
        SyntheticNoseGenerator g = new SyntheticNoseGenerator(9);
        Mat direct = g.photo(g.dog(2), 3);
        Mat diff = new Mat();
        Core.absdiff(wrapped, direct, diff);
        assertEquals(0.0, Core.sumElems(diff).val[0]);
        assertThrows(IllegalArgumentException.class, () -> NoseGenerator.of("v1", 9, "burst=1"));
        assertThrows(IllegalArgumentException.class, () -> NoseGenerator.of("v3", 9, ""));
    }
}
