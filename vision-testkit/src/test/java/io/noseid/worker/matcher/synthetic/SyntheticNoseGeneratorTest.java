package io.noseid.worker.matcher.synthetic;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticNoseGeneratorTest {

    @Test
    void deterministicBySeedAndVariedPerPhoto() {
        SyntheticNoseGenerator a = new SyntheticNoseGenerator(5);
        SyntheticNoseGenerator b = new SyntheticNoseGenerator(5);
        Mat p1 = a.photo(a.dog(3), 1);
        Mat p2 = b.photo(b.dog(3), 1);
        assertEquals(p1.size(), p2.size());
        Mat diff = new Mat();
        Core.absdiff(p1, p2, diff);
        assertEquals(0.0, Core.sumElems(diff).val[0], "same seed, same photo");
        Mat other = a.photo(a.dog(3), 2);
        assertTrue(!other.size().equals(p1.size()) || differs(p1, other), "photos of one dog vary");
        int shortSide = (int) Math.min(p1.rows(), p1.cols());
        assertTrue(shortSide >= 150 && shortSide <= 600, "short side " + shortSide);
        assertEquals(3, p1.channels());
    }

    private static boolean differs(Mat x, Mat y) {
        Mat d = new Mat();
        Core.absdiff(x, y, d);
        return Core.sumElems(d).val[0] > 0;
    }
}
