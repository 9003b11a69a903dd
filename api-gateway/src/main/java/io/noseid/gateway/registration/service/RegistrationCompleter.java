package io.noseid.gateway.registration.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.gateway.dog.DogEntity;
import io.noseid.gateway.dog.DogRegistered;
import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.StoredResult;
import io.noseid.gateway.job.service.JobCompleter;
import io.noseid.gateway.owner.Contacts;
import io.noseid.gateway.owner.OwnerEntity;
import io.noseid.gateway.owner.OwnerService;
import io.noseid.gateway.photo.PhotoEntity;
import io.noseid.shared.JobResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * A registration's answer: REGISTERED creates the dog (attached to the owner of its phone number as stored, or to a
 * new owner), issues its number, keeps its photos and announces the new dog ({@link DogRegistered}, in the same
 * transaction); ALREADY_REGISTERED names the existing dog; REJECTED keeps nothing.
 */
@ApplicationScoped
public class RegistrationCompleter implements JobCompleter {

    private static final Logger LOG = Logger.getLogger(RegistrationCompleter.class);

    private final ObjectMapper mapper;
    private final OwnerService owners;
    private final RegistrationNumberIssuer numbers;

    private final Event<DogRegistered> registered;

    public RegistrationCompleter(ObjectMapper mapper, OwnerService owners, RegistrationNumberIssuer numbers,
                                 Event<DogRegistered> registered) {
        this.mapper = mapper;
        this.owners = owners;
        this.numbers = numbers;
        this.registered = registered;
    }

    @Override
    public JobKind kind() {
        return JobKind.REGISTRATION;
    }

    @Override
    public StoredResult complete(JobEntity job, JobResult result, Instant now) {
        return switch (result.outcome()) {
            case REGISTERED -> enrol(job, result, now);
            case ALREADY_REGISTERED -> {
                PhotoEntity.deleteByJob(job.id);
                String number = result.dogId() == null ? null
                        : DogEntity.<DogEntity>findByIdOptional(result.dogId().toString())
                        .map(d -> d.registrationNumber).orElse(null);
                if (number == null) {
                    LOG.warnf("ALREADY_REGISTERED names dog %s, which no longer exists", result.dogId());
                }
                yield StoredResult.alreadyRegistered(number, result.score(), result.photos());
            }
            case REJECTED -> {
                PhotoEntity.deleteByJob(job.id);
                yield StoredResult.rejected(null, result.photos());
            }
            case MATCH, NO_MATCH, REMOVED, ADAPTED ->
                    throw new InvalidResultException(result.outcome() + " for a registration");
        };
    }

    private StoredResult enrol(JobEntity job, JobResult result, Instant now) {
        if (result.dogId() != null && !result.dogId().toString().equals(job.plannedDogId)) {
            LOG.warnf("Worker enrolled dog %s, the job planned %s; using the planned id", result.dogId(),
                    job.plannedDogId);
        }
        RegistrationDetails details;
        try {
            details = mapper.readValue(job.requestJson, RegistrationDetails.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Registration details of job " + job.id + " unreadable", e);
        }
        OwnerEntity owner = owners.findOrCreate(details.ownerName(), details.ownerPhone(), details.ownerEmail(), now);
        DogEntity dog = new DogEntity();
        dog.id = job.plannedDogId;
        dog.registrationNumber = numbers.issue(now, details.dogName(), owner.phone);
        dog.name = details.dogName();
        dog.breed = details.dogBreed();
        dog.birthYear = details.dogBirthYear();
        dog.sex = details.dogSex() == null ? null : details.dogSex().name();
        dog.owner = owner;
        dog.createdAt = now;
        dog.persist();
        dog.flush();
        PhotoEntity.attachToDog(job.id, dog.id);
        LOG.infof("Dog registered as %s (owner phone %s)", dog.registrationNumber, Contacts.maskPhone(owner.phone));
        registered.fire(new DogRegistered(dog.id, now));
        return StoredResult.registered(dog.registrationNumber, result.photos());
    }
}
