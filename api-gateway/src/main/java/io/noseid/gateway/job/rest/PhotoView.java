package io.noseid.gateway.job.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.noseid.shared.PhotoAssessment;

import java.util.List;

/** Kept with its null members, as in the contract's example. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PhotoView(int index, boolean accepted, String reason, List<Integer> noseBox, Double noseConfidence) {

    public static PhotoView of(PhotoAssessment a) {
        return new PhotoView(a.index(), a.accepted(), a.reason(), a.noseBox(), a.noseConfidence());
    }
}
