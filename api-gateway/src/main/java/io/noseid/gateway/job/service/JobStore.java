package io.noseid.gateway.job.service;

import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.photo.PhotoEntity;
import io.noseid.gateway.photo.PhotoKind;
import io.noseid.gateway.photo.ValidatedPhoto;
import io.noseid.shared.PhotoRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;

/** Durable storage of a new job and its photos, committed before the job is published. */
@ApplicationScoped
public class JobStore {

    /** Stores the job and every photo in one transaction; answers the nose photos' references for the worker. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<PhotoRef> create(JobEntity job, List<ValidatedPhoto> photos) {
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
        return refs;
    }

    /** Compensation when the job could not be queued: nothing of the request may stay behind. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void discard(String jobId) {
        PhotoEntity.delete("jobId", jobId);
        JobEntity.deleteById(jobId);
    }
}
