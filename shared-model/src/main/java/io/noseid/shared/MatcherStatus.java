package io.noseid.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one worker's matcher serves now, reported by the worker into Redis under {@link #redisKey} (a hash that
 * expires unless refreshed, so a stopped worker drops out) and read by the gateway's {@code GET /api/v1/admin/matcher}.
 *
 * @param workerId       the reporting replica
 * @param matcherVersion the matcher version identifications are answered with (today its visual vocabulary)
 * @param adaptedAt      when that version was adapted to this gallery (ISO-8601), null for the shipped one
 * @param dogs           dogs in the worker's in-memory index
 * @param targetFar      false accept rate the decision threshold is set for
 * @param estimatedFar   false accept rate measured on this gallery's impostor pairs, null until an adaptation has
 *                       measured it
 * @param reportedAt     when the worker wrote this (ISO-8601)
 * @param preparedVersion a matcher version this worker has loaded beside the one it serves, ready to switch to at
 *                        once (during an adaptation), else null
 */
public record MatcherStatus(String workerId, String matcherVersion, String adaptedAt, int dogs, double targetFar,
                            Double estimatedFar, String reportedAt, String preparedVersion) {

    public MatcherStatus(String workerId, String matcherVersion, String adaptedAt, int dogs, double targetFar,
                         Double estimatedFar, String reportedAt) {
        this(workerId, matcherVersion, adaptedAt, dogs, targetFar, estimatedFar, reportedAt, null);
    }

    public static final String KEY_PREFIX = "noseid:matcher:worker:";

    public static String redisKey(String workerId) {
        return KEY_PREFIX + workerId;
    }

    public Map<String, String> toHash() {
        Map<String, String> hash = new HashMap<>();
        hash.put("workerId", workerId);
        hash.put("matcherVersion", matcherVersion);
        if (adaptedAt != null) {
            hash.put("adaptedAt", adaptedAt);
        }
        hash.put("dogs", Integer.toString(dogs));
        hash.put("targetFar", Double.toString(targetFar));
        if (estimatedFar != null) {
            hash.put("estimatedFar", Double.toString(estimatedFar));
        }
        hash.put("reportedAt", reportedAt);
        if (preparedVersion != null) {
            hash.put("preparedVersion", preparedVersion);
        }
        return hash;
    }

    /** Empty when the hash is gone or incomplete (a key that expired while it was read). */
    public static Optional<MatcherStatus> fromHash(Map<String, String> hash) {
        if (hash == null || hash.get("matcherVersion") == null || hash.get("dogs") == null
                || hash.get("targetFar") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MatcherStatus(hash.get("workerId"), hash.get("matcherVersion"),
                    hash.get("adaptedAt"), Integer.parseInt(hash.get("dogs")),
                    Double.parseDouble(hash.get("targetFar")),
                    hash.get("estimatedFar") == null ? null : Double.parseDouble(hash.get("estimatedFar")),
                    hash.get("reportedAt"), hash.get("preparedVersion")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
