package io.noseid.gateway.job.service;

import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.photo.PhotoEntity;
import io.noseid.gateway.photo.PhotoKind;
import io.noseid.gateway.photo.ValidatedPhoto;
import io.noseid.gateway.messaging.Outbox;
import io.noseid.shared.JobRequest;
import io.noseid.shared.PhotoRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Durable storage of a new job, its photos and its message in one transaction; the message is published after the
 * commit (see {@link Outbox}).
 */
@ApplicationScoped
public class JobStore {

    private final Outbox outbox;

    public JobStore(Outbox outbox) {
        this.outbox = outbox;
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
}
