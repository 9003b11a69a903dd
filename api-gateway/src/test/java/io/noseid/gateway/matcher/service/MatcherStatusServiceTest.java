package io.noseid.gateway.matcher.service;

import io.noseid.shared.MatcherStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MatcherStatusServiceTest {

    private static MatcherStatus report(String worker, String version, int dogs, String at) {
        return new MatcherStatus(worker, version, null, dogs, 0.01, null, at);
    }

    @Test
    void theVersionMostWorkersServeIsReportedWithItsLargestIndex() {
        MatcherStatusService.ServedMatcher served = MatcherStatusService.summarise(List.of(
                report("w1", "v1", 300, "2026-12-02T07:00:00Z"),
                report("w2", "v2", 310, "2026-12-02T07:00:05Z"),
                report("w3", "v1", 302, "2026-12-02T07:00:01Z")));
        assertEquals("v1", served.matcherVersion());
        assertEquals(302, served.dogs());
        assertEquals(2, served.workers());
    }

    @Test
    void onATieTheMostRecentlyReportedVersionWins() {
        MatcherStatusService.ServedMatcher served = MatcherStatusService.summarise(List.of(
                report("w1", "old", 300, "2026-12-02T07:00:00Z"),
                report("w2", "new", 300, "2026-12-02T07:00:09Z")));
        assertEquals("new", served.matcherVersion());
    }

    @Test
    void aReportSurvivesTheRedisHash() {
        MatcherStatus status = new MatcherStatus("w1", "v1", "2026-12-01T10:00:00Z", 12, 0.01, 0.008,
                "2026-12-02T07:00:00Z");
        assertEquals(status, MatcherStatus.fromHash(status.toHash()).orElseThrow());
        MatcherStatus shipped = report("w1", "v1", 0, "2026-12-02T07:00:00Z");
        assertEquals(shipped, MatcherStatus.fromHash(shipped.toHash()).orElseThrow());
    }
}
