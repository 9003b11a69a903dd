package io.noseid.worker.matcher;

import java.util.UUID;

/** A candidate dog and its score (0..1 in decisions). */
public record ScoredDog(UUID dogId, double score) {
}
