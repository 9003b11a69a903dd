package io.noseid.gateway.dog.service;

import io.noseid.gateway.dog.DogEntity;
import io.noseid.gateway.dog.DogSex;
import io.noseid.gateway.dog.rest.DogView;
import io.noseid.gateway.dog.rest.OwnerView;
import io.noseid.gateway.error.ApiException;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.job.service.Timestamps;
import io.noseid.gateway.messaging.JobPublisher;
import io.noseid.gateway.owner.Contacts;
import io.noseid.gateway.owner.OwnerEntity;
import io.noseid.gateway.photo.PhotoEntity;
import io.noseid.shared.JobRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class DogService {

    private static final Logger LOG = Logger.getLogger(DogService.class);

    private final JobPublisher publisher;

    public DogService(JobPublisher publisher) {
        this.publisher = publisher;
    }

    @Transactional
    public DogView find(String registrationNumber, boolean fullContact) {
        DogEntity dog = DogEntity.findByRegistrationNumber(registrationNumber).orElseThrow(() -> notFound(registrationNumber));
        OwnerEntity owner = dog.owner;
        OwnerView ownerView = fullContact
                ? new OwnerView(owner.name, owner.phone, owner.email)
                : new OwnerView(owner.name, Contacts.maskPhone(owner.phone), Contacts.maskEmail(owner.email));
        return new DogView(dog.registrationNumber, dog.name, dog.breed, dog.birthYear,
                dog.sex == null ? null : DogSex.valueOf(dog.sex), Timestamps.format(dog.createdAt), ownerView);
    }

    /**
     * Removes the dog, its photos and, when it was their last dog, its owner; then asks the workers to drop its
     * templates. The removal is published before the commit: if the broker does not confirm, nothing is deleted
     * and the caller gets 503. The registration number stays issued, so it is never handed out again.
     */
    @Transactional
    public void delete(String registrationNumber) {
        DogEntity dog = DogEntity.find("registrationNumber", registrationNumber)
                .withLock(LockModeType.PESSIMISTIC_WRITE).<DogEntity>firstResultOptional()
                .orElseThrow(() -> notFound(registrationNumber));
        OwnerEntity owner = dog.owner;
        String dogId = dog.id;
        long photos = PhotoEntity.deleteByDog(dogId);
        dog.delete();
        dog.flush();
        boolean ownerRemoved = DogEntity.countByOwner(owner) == 0;
        if (ownerRemoved) {
            owner.delete();
        }
        try {
            publisher.publish(JobRequest.removal(UUID.randomUUID(), UUID.fromString(dogId), Instant.now()));
        } catch (JobPublisher.PublishException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The removal could not be queued; retry later", e);
        }
        LOG.infof("Dog %s deleted (%d photos%s)", registrationNumber, photos, ownerRemoved ? ", owner removed" : "");
    }

    private static ApiException notFound(String number) {
        return new ApiException(ErrorCode.DOG_NOT_FOUND, "No dog with registration number " + number);
    }
}
