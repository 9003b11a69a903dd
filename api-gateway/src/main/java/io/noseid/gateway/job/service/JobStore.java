package io.noseid.gateway.job.service;

import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.photo.PhotoEntity;
import io.noseid.gateway.photo.PhotoKind;
import io.noseid.gateway.photo.ValidatedPhoto;
import io.noseid.gateway.messaging.Outbox;
import io.noseid.shared.JobRequest;
import io.noseid.shared.PhotoRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Durable storage of a new job, its photos and its message in one transaction; the message is published after the
 * commit (see {@link Outbox}).
 */
@ApplicationScoped
public class JobStore {

    private final Outbox outbox;
    private final EntityManager entities;

    public JobStore(Outbox outbox, EntityManager entities) {
        this.outbox = outbox;
        this.entities = entities;
    }

    /**
     * Stores the job, every photo and the job's message, made by {@code message} from the nose photos' references.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public JobRequest create(JobEntity job, List<ValidatedPhoto> photos, Function<List<PhotoRef>, JobRequest> message) {
        job.persist();
        List<PhotoRef> refs = new ArrayList<>();
        for (ValidatedPhoto photo : photos) {
            PhotoEntity entity = new PhotoEntity();
            entity.jobId = job.id;
            entity.index = photo.index();
            entity.kind = photo.kind();
            entity.contentType = photo.header().format().mediaType();
            entity.sizeBytes = photo.data().length;
            entity.width = photo.header().width();
            entity.height = photo.header().height();
            entity.sha256 = photo.sha256();
            entity.data = photo.data();
            entity.createdAt = job.createdAt;
            entity.persist();
            if (photo.kind() == PhotoKind.NOSE) {
                refs.add(new PhotoRef(photo.index(), entity.id, entity.contentType, entity.sizeBytes));
            }
        }
        JobRequest request = message.apply(refs);
        outbox.add(request);
        return request;
    }

    /** Whether a job of this kind holds its exclusive slot, that is, is queued or running. */
    @Transactional
    public boolean exclusiveSlotTaken(JobKind kind) {
        return JobEntity.count("exclusiveSlot", kind.name()) > 0;
    }

    /** The id of the job of this kind that is queued or running, if one is. */
    @Transactional
    public Optional<String> exclusiveSlotHolder(JobKind kind) {
        return JobEntity.<JobEntity>find("exclusiveSlot", kind.name()).firstResultOptional().map(job -> job.id);
    }

    /**
     * Stores a job (without photos) of a kind that runs one at a time, and its message, unless a job of that kind
     * has not ended: the job takes the kind's exclusive slot, a unique column, so between requests of any gateway
     * replica the database decides. {@code INSERT IGNORE} makes a taken slot an answer, not an error that would
     * doom the caller's transaction. Joins the caller's transaction when there is one.
     *
     * @return whether the job was stored; false when another job of its kind holds the slot (nothing is stored)
     */
    @Transactional
    public boolean createExclusive(JobEntity job, JobRequest message) {
        int inserted = entities.createNativeQuery("INSERT IGNORE INTO job (id, type, status, progress, "
                        + "exclusive_slot, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?2, ?5, ?6)")
                .setParameter(1, job.id)
                .setParameter(2, job.type.name())
                .setParameter(3, job.status.name())
                .setParameter(4, job.progress)
                .setParameter(5, job.createdAt)
                .setParameter(6, job.updatedAt)
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        job.exclusiveSlot = job.type.name();
        outbox.add(message);
        return true;
    }
}
