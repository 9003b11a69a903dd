package io.noseid.gateway.job.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.noseid.shared.PhotoRejection;

import java.util.List;

/** One photo of a result. Kept with its null members, as in the contract's example. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PhotoView(int index, boolean accepted, String reason, PhotoRejection reasonCode, List<Integer> noseBox,
                        Double noseConfidence) {
}
