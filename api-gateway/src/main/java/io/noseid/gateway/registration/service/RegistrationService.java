package io.noseid.gateway.registration.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.rest.JobAccepted;
import io.noseid.gateway.job.service.JobSubmitter;
import io.noseid.gateway.photo.PhotoKind;
import io.noseid.gateway.photo.PhotoValidator;
import io.noseid.gateway.photo.ValidatedPhoto;
import io.noseid.gateway.registration.rest.RegistrationForm;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RegistrationService {

    public static final int NOSE_PHOTOS = 5;

    private final PhotoValidator photos;
    private final JobSubmitter submitter;
    private final ObjectMapper mapper;
    private final NoseIdConfig config;

    public RegistrationService(PhotoValidator photos, JobSubmitter submitter, ObjectMapper mapper,
                               NoseIdConfig config) {
        this.photos = photos;
        this.submitter = submitter;
        this.mapper = mapper;
        this.config = config;
    }

    /** Validates everything before anything is stored, then queues the registration. */
    public JobAccepted register(RegistrationForm form) {
        PhotoValidator.requireCount("nose", form.nose, NOSE_PHOTOS, NOSE_PHOTOS);
        PhotoValidator.requireCount("profile", form.profile, 0, 1);
        RegistrationDetails details = RegistrationFieldValidator.validate(
                new RegistrationFieldValidator.Fields(form.ownerName, form.ownerPhone, form.ownerEmail, form.dogName,
                        form.dogBreed, form.dogBirthYear, form.dogSex),
                config.registration().zone());
        List<ValidatedPhoto> validated = new ArrayList<>(photos.validate("nose", PhotoKind.NOSE, form.nose));
        validated.addAll(photos.validate("profile", PhotoKind.PROFILE, form.profile));
        return submitter.submit(JobKind.REGISTRATION, UUID.randomUUID(), toJson(details), validated);
    }

    private String toJson(RegistrationDetails details) {
        try {
            return mapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
