package io.noseid.worker.matcher.eval;

import io.noseid.worker.detection.QualitySettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityCurveCommandTest {

    /** 100 probes: sharpness 1..100; the 10 blurriest never match, the others match every other time. */
    @Test
    void curveShowsThatTheRefusedProbesFailWhereTheyDo() {
        List<QualityCurveCommand.Measured> probes = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            int best = i <= 10 ? 2 : (i % 2 == 0 ? 30 : 3);
            probes.add(new QualityCurveCommand.Measured(i, i / 10.0, 60, 150, best));
        }
        String report = QualityCurveCommand.report(1000, 100, 1, 5, probes, QualitySettings.defaults());
        assertTrue(report.contains("matchable 45/100 = 0.45"), report);
        // Refusing the blurriest 10 % (threshold 11) refuses only probes that never matched; the rest match 0.50.
        assertTrue(report.matches("(?s).*\\n\\s+11\\.0\\s+0\\.10\\s+0\\.00 \\(10\\)\\s+0\\.50 \\(90\\)\\n.*"), report);
        // At the 0th percentile nothing is refused.
        assertTrue(report.matches("(?s).*\\n\\s+1\\.0\\s+0\\.00\\s+-\\s+0\\.45 \\(100\\)\\n.*"), report);
    }
}
