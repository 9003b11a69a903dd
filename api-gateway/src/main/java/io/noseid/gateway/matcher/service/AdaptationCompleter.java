package io.noseid.gateway.matcher.service;

import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.StoredResult;
import io.noseid.gateway.job.service.JobCompleter;
import io.noseid.gateway.matcher.MatcherAdaptationEntity;
import io.noseid.shared.AdaptationSummary;
import io.noseid.shared.JobResult;
import io.noseid.shared.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * An adaptation's answer: ADAPTED with the matcher version every worker switched to, recorded as the last
 * successful adaptation (the automatic trigger measures the gallery's growth from it). The job's exclusive slot is
 * given up by the job lifecycle, whatever the job ends with.
 */
@ApplicationScoped
public class AdaptationCompleter implements JobCompleter {

    private static final Logger LOG = Logger.getLogger(AdaptationCompleter.class);
    /** The length of {@code matcher_adaptation.matcher_version}. */
    static final int MAX_VERSION_LENGTH = 200;

    @Override
    public JobKind kind() {
        return JobKind.ADAPTATION;
    }

    @Override
    public StoredResult complete(JobEntity job, JobResult result, Instant now) {
        if (result.outcome() != Outcome.ADAPTED) {
            throw new InvalidResultException(result.outcome() + " for an adaptation");
        }
        AdaptationSummary built = result.adaptation();
        if (built == null) {
            throw new InvalidResultException("ADAPTED without the matcher version it built");
        }
        if (built.matcherVersion() == null || built.matcherVersion().isBlank()
                || built.matcherVersion().length() > MAX_VERSION_LENGTH || built.dogs() < 0 || built.photos() < 0
                || !Double.isFinite(built.threshold()) || !(built.estimatedFar() >= 0 && built.estimatedFar() <= 1)) {
            throw new InvalidResultException("ADAPTED with an impossible summary " + built);
        }
        MatcherAdaptationEntity adaptation = new MatcherAdaptationEntity();
        adaptation.jobId = job.id;
        adaptation.matcherVersion = built.matcherVersion();
        adaptation.dogs = built.dogs();
        adaptation.photos = built.photos();
        adaptation.threshold = built.threshold();
        adaptation.estimatedFar = built.estimatedFar();
        adaptation.adaptedAt = now;
        adaptation.persist();
        LOG.infof("Matcher adapted: version %s learned from %d dogs and %d photos (threshold %.3f, estimated FAR "
                + "%.4f), answered by %s", built.matcherVersion(), built.dogs(), built.photos(), built.threshold(),
                built.estimatedFar(), result.workerId());
        return StoredResult.adapted(new StoredResult.Adaptation(built.matcherVersion(), built.dogs(), built.photos(),
                built.threshold(), built.estimatedFar()));
    }

    @Override
    public String deadLetteredDetail() {
        return "The matcher adaptation could not be completed after several attempts; the workers keep serving the "
                + "current version; start the adaptation again";
    }
}
