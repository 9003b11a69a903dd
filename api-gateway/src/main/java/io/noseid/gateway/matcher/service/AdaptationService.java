package io.noseid.gateway.matcher.service;

import io.noseid.gateway.error.ApiException;
import io.noseid.gateway.error.ErrorCode;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.rest.JobAccepted;
import io.noseid.gateway.job.service.JobStore;
import io.noseid.gateway.job.service.JobSubmitter;
import io.noseid.shared.JobRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Starts matcher adaptations on an operator's request: a job like any other, of which one at a time is queued or
 * running over every gateway replica.
 */
@ApplicationScoped
public class AdaptationService {

    private static final Logger LOG = Logger.getLogger(AdaptationService.class);

    private final JobSubmitter submitter;
    private final JobStore jobs;

    public AdaptationService(JobSubmitter submitter, JobStore jobs) {
        this.submitter = submitter;
        this.jobs = jobs;
    }

    /** @throws ApiException ADAPTATION_RUNNING while another adaptation is queued or running */
    public JobAccepted start() {
        JobAccepted accepted = submitter.submitExclusive(JobKind.ADAPTATION, JobRequest::adaptation)
                .orElseThrow(this::alreadyRunning);
        LOG.infof("Matcher adaptation %s started by an operator", accepted.jobId());
        return accepted;
    }

    private ApiException alreadyRunning() {
        String running;
        try {
            running = jobs.exclusiveSlotHolder(JobKind.ADAPTATION).map(id -> " (job " + id + ")").orElse("");
        } catch (RuntimeException e) {
            running = ""; // only for the message: the slot was taken, that is the answer
        }
        return new ApiException(ErrorCode.ADAPTATION_RUNNING, "A matcher adaptation is already queued or running"
                + running + "; start another once it has ended");
    }
}
