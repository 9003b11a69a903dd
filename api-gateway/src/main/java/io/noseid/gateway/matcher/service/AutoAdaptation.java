package io.noseid.gateway.matcher.service;

import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.gateway.dog.DogEntity;
import io.noseid.gateway.dog.DogRegistered;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.service.JobSubmitter;
import io.noseid.gateway.matcher.MatcherAdaptationEntity;
import io.noseid.shared.JobRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.OptionalInt;

/**
 * Starts an adaptation when a registration made the gallery large enough ({@link AdaptationPolicy}), inside the
 * transaction that applies the registration's result: the new dog and the adaptation it made due commit together,
 * or neither does (and the result is applied again). Through the same exclusive job as the admin endpoint, so never
 * while one is queued or running. Off with {@code noseid.adaptation.auto=false}.
 */
@ApplicationScoped
public class AutoAdaptation {

    private static final Logger LOG = Logger.getLogger(AutoAdaptation.class);

    private final boolean enabled;
    private final AdaptationPolicy policy;
    private final JobSubmitter submitter;

    public AutoAdaptation(NoseIdConfig config, JobSubmitter submitter) {
        this.enabled = config.adaptation().auto();
        this.policy = AdaptationPolicy.of(config.adaptation());
        this.submitter = submitter;
    }

    void onDogRegistered(@Observes DogRegistered registered) {
        if (!enabled) {
            return;
        }
        OptionalInt lastAdapted = MatcherAdaptationEntity.latest().map(a -> OptionalInt.of(a.dogs))
                .orElse(OptionalInt.empty());
        long dueAt = policy.dueAt(lastAdapted);
        long dogs = DogEntity.count();
        if (dogs < dueAt) {
            return;
        }
        String why = lastAdapted.isPresent()
                ? "the last adaptation learned from " + lastAdapted.getAsInt() + " dogs"
                : "no adaptation has succeeded yet";
        submitter.queueExclusive(JobKind.ADAPTATION, JobRequest::adaptation).ifPresentOrElse(
                jobId -> LOG.infof("Automatic matcher adaptation %s queued: %d dogs registered, due at %d (%s)",
                        jobId, dogs, dueAt, why),
                () -> LOG.debugf("A matcher adaptation is due (%d dogs registered, due at %d) but one is queued or "
                        + "running", dogs, dueAt));
    }
}
