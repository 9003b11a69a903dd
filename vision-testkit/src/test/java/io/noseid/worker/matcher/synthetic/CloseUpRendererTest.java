package io.noseid.worker.matcher.synthetic;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloseUpRendererTest {

    @Test
    void sameSeedSamePhotoAndBox() {
        CloseUpRenderer a = new CloseUpRenderer(3, NoseParamsV2.defaults());
        CloseUpRenderer b = new CloseUpRenderer(3, NoseParamsV2.defaults());
        CloseUpRenderer.CloseUp x = a.render(a.dog(2), 1);
        CloseUpRenderer.CloseUp y = b.render(b.dog(2), 1);
        assertEquals(x.box(), y.box());
        Mat diff = new Mat();
        Core.absdiff(x.image(), y.image(), diff);
        assertEquals(0.0, Core.sumElems(diff).val[0]);
        assertNotEquals(x.box(), a.render(a.dog(2), 2).box(), "another photo is framed anew");
    }

    @Test
    void noseFillsThirtyToNinetyFivePercentAndItsBoxIsInsideTheFrame() {
        CloseUpRenderer r = new CloseUpRenderer(11, NoseParamsV2.defaults());
        int cutOff = 0;
        double minFill = 1;
        double maxFill = 0;
        for (int d = 0; d < 6; d++) {
            var dog = r.dog(d);
            for (int k = 0; k < 5; k++) {
                CloseUpRenderer.CloseUp c = r.render(dog, k);
                Rect box = c.box();
                int w = c.image().cols();
                int h = c.image().rows();
                assertEquals(3, c.image().channels());
                assertTrue(Math.min(w, h) >= 180 && Math.min(w, h) <= 420, "short side " + Math.min(w, h));
                assertTrue(box.x >= 0 && box.y >= 0 && box.x + box.width <= w && box.y + box.height <= h,
                        box + " in " + w + "x" + h);
                cutOff += c.cutOff() ? 1 : 0;
                if (!c.cutOff()) {
                    minFill = Math.min(minFill, c.fill());
                    maxFill = Math.max(maxFill, c.fill());
                }
            }
        }
        assertTrue(minFill >= 0.27 && maxFill <= 0.97, "fill " + minFill + ".." + maxFill);
        assertTrue(maxFill - minFill > 0.3, "fills vary: " + minFill + ".." + maxFill);
        assertTrue(cutOff > 0 && cutOff < 30, cutOff + " of 30 cut off");
    }

    /** The box is the nose: the nose (dark pigment or pink, smooth at the edge) differs from the fur around it. */
    @Test
    void theBoxHoldsTheNoseAndTheMouthHangsBelowIt() {
        CloseUpRenderer r = new CloseUpRenderer(21, NoseParamsV2.defaults());
        int differs = 0;
        int n = 0;
        for (int d = 0; d < 8; d++) {
            CloseUpRenderer.CloseUp c = r.render(r.dog(d), 0);
            if (c.cutOff()) {
                continue;
            }
            n++;
            Rect box = c.box();
            Mat grey = new Mat();
            Imgproc.cvtColor(c.image(), grey, Imgproc.COLOR_BGR2GRAY);
            Rect inner = new Rect(box.x + box.width / 4, box.y + box.height / 4, box.width / 2, box.height / 2);
            double inside = Core.mean(grey.submat(inner)).val[0];
            Mat outside = grey.clone();
            Imgproc.rectangle(outside, box, new Scalar(0), -1);
            Mat mask = new Mat();
            Imgproc.threshold(grey, mask, -1, 255, Imgproc.THRESH_BINARY);
            Imgproc.rectangle(mask, box, new Scalar(0), -1);
            double around = Core.mean(grey, mask).val[0];
            if (Math.abs(inside - around) > 6) {
                differs++;
            }
        }
        assertTrue(n >= 4 && differs >= n - 1, differs + " of " + n + " noses differ from their fur");
    }

    @Test
    void noNosePhotosCoverEveryKindDeterministically() {
        NoNoseRenderer r = new NoNoseRenderer(5);
        Set<NoNoseRenderer.Kind> kinds = EnumSet.noneOf(NoNoseRenderer.Kind.class);
        for (int i = 0; i < NoNoseRenderer.Kind.values().length; i++) {
            Mat m = r.render(i);
            assertEquals(3, m.channels());
            assertTrue(Math.min(m.rows(), m.cols()) >= 180);
            kinds.add(NoNoseRenderer.kind(i));
        }
        assertEquals(EnumSet.allOf(NoNoseRenderer.Kind.class), kinds);
        Mat diff = new Mat();
        Core.absdiff(r.render(4), new NoNoseRenderer(5).render(4), diff);
        assertEquals(0.0, Core.sumElems(diff).val[0]);
    }
}
