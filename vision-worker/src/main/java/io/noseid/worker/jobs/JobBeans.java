package io.noseid.worker.jobs;

import io.noseid.shared.OutageRetry;
import io.noseid.worker.analysis.PhotoAnalyser;
import io.noseid.worker.config.WorkerConfig;
import io.noseid.worker.gallery.GallerySync;
import io.noseid.worker.adaptation.AdaptationRunner;
import io.noseid.worker.adaptation.ServedMatcher;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

@ApplicationScoped
public class JobBeans {

    @Produces
    @Singleton
    JobHandler jobHandler(PhotoAnalyser analyser, ServedMatcher served, AdaptationRunner adapter, StoredPhotos photos,
                          RedisProgress progress, GallerySync gallery, WorkerConfig config, WorkerIdentity identity) {
        return new JobHandler(analyser, served::matcher, adapter, photos, progress, gallery,
                config.photos().minUsableForRegistration(), config.photos().minUsableForIdentification(),
                identity.id());
    }

    @Produces
    @Singleton
    OutageRetry outageRetry(WorkerConfig config) {
        return new OutageRetry(config.jobs(), Infrastructure.getDefaultWorkerPool());
    }
}
