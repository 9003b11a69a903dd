package io.noseid.gateway.identification.service;

import io.noseid.gateway.identification.rest.IdentificationForm;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.rest.JobAccepted;
import io.noseid.gateway.job.service.JobSubmitter;
import io.noseid.gateway.photo.PhotoKind;
import io.noseid.gateway.photo.PhotoValidator;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class IdentificationService {

    public static final int MAX_NOSE_PHOTOS = 5;

    private final PhotoValidator photos;
    private final JobSubmitter submitter;

    public IdentificationService(PhotoValidator photos, JobSubmitter submitter) {
        this.photos = photos;
        this.submitter = submitter;
    }

    public JobAccepted identify(IdentificationForm form) {
        PhotoValidator.requireCount("nose", form.nose, 1, MAX_NOSE_PHOTOS);
        return submitter.submit(JobKind.IDENTIFICATION, null, null,
                photos.validate("nose", PhotoKind.NOSE, form.nose));
    }
}
