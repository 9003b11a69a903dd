package io.noseid.shared;

import java.util.UUID;

/** An enrolled dog and how strongly the probe matched it, 0..1 on the calibrated scale. */
public record Candidate(UUID dogId, double score) {
}
