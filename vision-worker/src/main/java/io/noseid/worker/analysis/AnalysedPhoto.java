package io.noseid.worker.analysis;

import io.noseid.shared.PhotoAssessment;
import io.noseid.worker.matcher.NoseTemplate;

import java.util.Optional;

/** One photo after detection, quality gate and feature extraction; a template only when the photo is usable. */
public record AnalysedPhoto(PhotoAssessment assessment, Optional<NoseTemplate> template) {

    public boolean usable() {
        return template.isPresent();
    }
}
