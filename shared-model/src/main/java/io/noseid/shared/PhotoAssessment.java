package io.noseid.shared;

import java.util.List;

/**
 * What the worker made of one photo.
 *
 * @param index          position in the request
 * @param accepted       whether the photo was used for matching
 * @param reason         why it was not used, in English words a dog owner understands; null when accepted
 * @param reasonCode     why it was not used, as the contract's code; null when accepted
 * @param noseBox        the detected nose as {@code [x, y, w, h]} in pixels of the EXIF-oriented photo; null if none
 * @param noseConfidence the detector's confidence for that box; null if none
 */
public record PhotoAssessment(int index, boolean accepted, String reason, PhotoRejection reasonCode,
                              List<Integer> noseBox, Double noseConfidence) {

    public PhotoAssessment {
        noseBox = noseBox == null ? null : List.copyOf(noseBox);
    }

    public static PhotoAssessment accepted(int index, List<Integer> noseBox, Double noseConfidence) {
        return new PhotoAssessment(index, true, null, null, noseBox, noseConfidence);
    }

    public static PhotoAssessment rejected(int index, PhotoRejection reason, List<Integer> noseBox,
                                           Double noseConfidence) {
        return new PhotoAssessment(index, false, reason.english(), reason, noseBox, noseConfidence);
    }
}
