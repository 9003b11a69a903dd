package io.noseid.gateway.dog.service;

import io.noseid.gateway.dog.DogEntity;
import io.noseid.gateway.dog.DogSex;
import io.noseid.gateway.dog.rest.DogView;
import io.noseid.gateway.dog.rest.OwnerView;
import io.noseid.gateway.error.ApiException;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.job.service.Timestamps;
import io.noseid.gateway.messaging.Outbox;
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

    private final Outbox outbox;

    public DogService(Outbox outbox) {
        this.outbox = outbox;
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
     * Removes the dog, its photos and, when it was their last dog, its owner, and in the same transaction stores the
     * removal that tells the workers to drop its templates: the outbox publishes it after the commit, or after the
     * broker's outage (identifications never report a deleted dog meanwhile). The registration number stays
     * issued, so it is never handed out again.
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
        outbox.add(JobRequest.removal(UUID.randomUUID(), UUID.fromString(dogId), Instant.now()));
        LOG.infof("Dog %s deleted (%d photos%s)", registrationNumber, photos, ownerRemoved ? ", owner removed" : "");
    }

    private static ApiException notFound(String number) {
        return new ApiException(ErrorCode.DOG_NOT_FOUND, "No dog with registration number " + number);
    }
}
