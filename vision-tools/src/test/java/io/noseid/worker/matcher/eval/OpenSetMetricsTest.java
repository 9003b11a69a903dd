package io.noseid.worker.matcher.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpenSetMetricsTest {

    @Test
    void computesRankOneTpirAndEerFromOutcomes() {
        List<OpenSetMetrics.Outcome> o = new ArrayList<>();
        // 10 genuine: 9 right (scores 0.6..0.95), 1 wrong
        for (int i = 0; i < 9; i++) {
            o.add(new OpenSetMetrics.Outcome(true, true, 0.6 + i * 0.04, 0));
        }
        o.add(new OpenSetMetrics.Outcome(true, false, 0.9, -1));
        // 100 impostors: scores 0.00..0.99 step 0.01 except two high ones
        for (int i = 0; i < 100; i++) {
            o.add(new OpenSetMetrics.Outcome(false, false, i < 98 ? i * 0.005 : 0.7, -1));
        }
        OpenSetMetrics m = new OpenSetMetrics(o);
        assertEquals(0.9, m.rank1(), 1e-9);
        assertEquals(0.9, m.shortlistRecall(1), 1e-9);
        // FAR 1 %: at most 1 impostor above the cut -> cut at 0.7 (two impostors at 0.7 are not above it)
        assertEquals(0.7, m.thresholdAt(0.01), 1e-9);
        assertEquals(6 / 10.0, m.tpirAtFar(0.01), 1e-9);
        assertEquals(0.02, m.farAbove(0.6), 1e-9);
        assertEquals(0.1, m.eer(), 0.05);
    }
}
