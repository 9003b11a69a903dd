package io.noseid.gateway.matcher.rest;

/**
 * {@code GET /api/v1/admin/matcher}: the matcher as the workers serve it now.
 *
 * @param adaptedAt    when the served version was adapted to this gallery, null for the shipped one
 * @param estimatedFar false accept rate measured on this gallery's impostor pairs, null until an adaptation has
 *                     measured it
 */
public record MatcherView(String matcherVersion, String adaptedAt, int dogs, double targetFar, Double estimatedFar) {
}
