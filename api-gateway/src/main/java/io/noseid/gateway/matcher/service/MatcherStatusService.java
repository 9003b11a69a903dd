package io.noseid.gateway.matcher.service;

import io.noseid.gateway.error.ApiException;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.shared.MatcherStatus;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The matcher as the running workers serve it, from the reports they keep fresh in Redis. Workers agree on one
 * version except while they switch; then the version most of them serve is the one reported.
 */
@ApplicationScoped
public class MatcherStatusService {

    /** What the workers serve: the version, and of the workers serving it the most dogs indexed. */
    public record ServedMatcher(String matcherVersion, String adaptedAt, int dogs, double targetFar,
                                Double estimatedFar, int workers) {
    }

    private final RedisDataSource redis;

    public MatcherStatusService(RedisDataSource redis) {
        this.redis = redis;
    }

    public ServedMatcher served() {
        List<MatcherStatus> reports;
        try {
            reports = reports();
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The workers' matcher reports cannot be read: "
                    + "Redis is not reachable", List.of(), 5, e);
        }
        if (reports.isEmpty()) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "No vision worker has reported its matcher recently: none is running, or none reaches Redis");
        }
        return summarise(reports);
    }

    /** The version most workers serve (the most recently reported one on a tie), and its largest index. */
    static ServedMatcher summarise(List<MatcherStatus> reports) {
        Map<String, List<MatcherStatus>> byVersion = reports.stream()
                .collect(Collectors.groupingBy(MatcherStatus::matcherVersion));
        List<MatcherStatus> serving = byVersion.values().stream()
                .max(Comparator.<List<MatcherStatus>>comparingInt(List::size)
                        .thenComparing(group -> latest(group).reportedAt()))
                .orElseThrow();
        MatcherStatus largest = serving.stream().max(Comparator.comparingInt(MatcherStatus::dogs)).orElseThrow();
        return new ServedMatcher(largest.matcherVersion(), largest.adaptedAt(), largest.dogs(), largest.targetFar(),
                largest.estimatedFar(), serving.size());
    }

    private static MatcherStatus latest(List<MatcherStatus> group) {
        return group.stream().max(Comparator.comparing(s -> String.valueOf(s.reportedAt()))).orElseThrow();
    }

    private List<MatcherStatus> reports() {
        List<MatcherStatus> reports = new ArrayList<>();
        for (String key : redis.key().scan(new KeyScanArgs().match(MatcherStatus.KEY_PREFIX + "*").count(100))
                .toIterable()) {
            MatcherStatus.fromHash(redis.hash(String.class).hgetall(key)).ifPresent(reports::add);
        }
        return reports;
    }
}
