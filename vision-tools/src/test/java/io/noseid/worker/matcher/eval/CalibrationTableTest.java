package io.noseid.worker.matcher.eval;

import org.junit.jupiter.api.Test;

import static io.noseid.worker.matcher.eval.CalibrationTable.Kind.COUNT;
import static io.noseid.worker.matcher.eval.CalibrationTable.Kind.SHARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationTableTest {

    @Test
    void sharesAreJudgedAbsolutelyAndCountsRelatively() {
        CalibrationTable t = new CalibrationTable()
                .add("rank-1", 0.62, 0.67, SHARE, true)        // +0.05: on the edge, within
                .add("recall", 0.80, 0.74, SHARE, true)        // -0.06: outside
                .add("impostor max", 5, 6, COUNT, true)        // +1 of 5: the 1-inlier floor
                .add("median", 31, 38, COUNT, false)           // +7 of 31: beyond 20 %
                .add("large gallery", 0.60, Double.NaN, SHARE, true);
        var rows = t.rows();
        assertTrue(rows.get(0).within());
        assertEquals(0.05, rows.get(0).delta(), 1e-9);
        assertFalse(rows.get(1).within());
        assertEquals("OUTSIDE", rows.get(1).mark());
        assertTrue(rows.get(2).within());
        assertFalse(rows.get(3).within());
        assertFalse(rows.get(4).measured());
        assertEquals("not measured", rows.get(4).mark());
        assertEquals(1, t.requiredOutside(), "the optional row and the unmeasured row do not count");
        assertEquals(3, t.requiredMeasured());
    }

    @Test
    void aProbeIsMatchableWhenItBeatsTheStrongestImpostor() {
        InlierStats in = new InlierStats(new int[] {3, 8, 9, 40}, new int[0], new int[0], new int[] {2, 8, 5});
        assertEquals(0.5, in.matchable(), 1e-9, "9 and 40 exceed the impostors' 8; 8 only ties it");
        assertTrue(Double.isNaN(new InlierStats(new int[0], new int[0], new int[0], new int[] {1}).matchable()));
    }

    @Test
    void formatsOneLinePerRowWithDeltaAndSummary() {
        String s = new CalibrationTable()
                .add("rank-1", 0.62, 0.99, SHARE, true)
                .add("median", 31, 120, COUNT, false)
                .add("large", 0.60, Double.NaN, SHARE, true)
                .format();
        String[] lines = s.split("\n");
        assertEquals(6, lines.length, s);
        assertTrue(lines[2].contains("0.62") && lines[2].contains("0.99") && lines[2].contains("+0.37")
                && lines[2].contains("OUTSIDE"), lines[2]);
        assertTrue(lines[3].contains("(median)") && lines[3].contains("+89.0"), lines[3]);
        assertTrue(lines[4].contains("not measured"), lines[4]);
        assertEquals("required rows outside tolerance: 1 of 1 measured", lines[5]);
    }

    @Test
    void quantilesAndSharesOfInlierCounts() {
        int[] x = {0, 2, 7, 8, 31, 100, 150, 3};
        assertEquals(0.5, InlierStats.shareBelow(x, 8), 1e-9);
        assertEquals(0.25, InlierStats.shareAtLeast(x, 100), 1e-9);
        assertEquals(7.5, InlierStats.quantile(x, 0.5), 1e-9);
        assertEquals(150, InlierStats.max(x));
        assertTrue(Double.isNaN(InlierStats.quantile(new int[0], 0.5)));
    }
}
