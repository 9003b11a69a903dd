package io.noseid.gateway.job.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.noseid.shared.PhotoAssessment;
import io.noseid.shared.PhotoRejection;

import java.util.List;
import java.util.Locale;

/**
 * One photo of a result. Kept with its null members, as in the contract's example. {@code reason} is stored in
 * English and put into the request's language when the job is read ({@link #inLanguageOf}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PhotoView(int index, boolean accepted, String reason, PhotoRejection reasonCode, List<Integer> noseBox,
                        Double noseConfidence) {

    public static PhotoView of(PhotoAssessment a) {
        return new PhotoView(a.index(), a.accepted(), a.reason(), a.reasonCode(), a.noseBox(), a.noseConfidence());
    }

    /** This photo with its reason in {@code locale}'s language; a reason without a code stays as the worker wrote it. */
    public PhotoView inLanguageOf(Locale locale) {
        return reasonCode == null ? this
                : new PhotoView(index, accepted, reasonCode.text(locale), reasonCode, noseBox, noseConfidence);
    }
}
