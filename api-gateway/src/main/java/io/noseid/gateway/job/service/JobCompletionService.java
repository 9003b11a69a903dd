package io.noseid.gateway.job.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.gateway.dog.DogEntity;
import io.noseid.gateway.dog.DogSex;
import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.rest.CandidateView;
import io.noseid.gateway.job.rest.JobResultView;
import io.noseid.gateway.job.rest.MatchedDogView;
import io.noseid.gateway.job.rest.OwnerContactView;
import io.noseid.gateway.job.rest.PhotoView;
import io.noseid.gateway.job.rest.ResultOutcome;
import io.noseid.gateway.owner.Contacts;
import io.noseid.gateway.owner.OwnerEntity;
import io.noseid.gateway.owner.OwnerService;
import io.noseid.gateway.photo.PhotoEntity;
import io.noseid.gateway.registration.service.RegistrationDetails;
import io.noseid.gateway.registration.service.RegistrationNumberIssuer;
import io.noseid.shared.Candidate;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.JobStatus;
import io.noseid.shared.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the worker's answers (and dead-lettered jobs) into the final state of a job. Idempotent: a job that is
 * already final is left as it is, so a redelivered result changes nothing. Answers the final snapshot, which the
 * caller mirrors into Redis after the commit.
 */
@ApplicationScoped
public class JobCompletionService {

    /** Job error code for a job whose message was dead-lettered after too many failed deliveries. */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    /** Job error code for a worker answer that does not fit the job (a bug, never expected). */
    public static final String INVALID_RESULT = "INVALID_RESULT";

    private static final Logger LOG = Logger.getLogger(JobCompletionService.class);

    private final ObjectMapper mapper;
    private final OwnerService owners;
    private final RegistrationNumberIssuer numbers;

    private final MeterRegistry metrics;

    public JobCompletionService(ObjectMapper mapper, OwnerService owners, RegistrationNumberIssuer numbers,
                                MeterRegistry metrics) {
        this.mapper = mapper;
        this.owners = owners;
        this.numbers = numbers;
        this.metrics = metrics;
    }

    @Transactional
    public Optional<JobSnapshot> complete(JobResult result) {
        JobEntity job = JobEntity.findById(result.jobId().toString(), LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            LOG.infof("Result for a job this gateway does not know (%s, type %s); nothing to do",
                    result.jobId(), result.type());
            return Optional.empty();
        }
        if (job.status.isFinal()) {
            LOG.infof("Job already %s; duplicate result ignored", job.status);
            return Optional.of(JobSnapshot.of(job));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (result.failed()) {
            fail(job, result.errorCode(), result.errorDetail(), now);
            return Optional.of(JobSnapshot.of(job));
        }
        JobResultView view = job.type == JobKind.REGISTRATION ? registration(job, result, now) : identification(job, result);
        if (view == null) {
            LOG.errorf("Worker answered outcome %s for a %s job", result.outcome(), job.type);
            fail(job, INVALID_RESULT, "The worker's answer did not fit the job; please submit again", now);
        } else {
            job.status = JobStatus.SUCCEEDED;
            job.progress = 1.0;
            job.resultJson = toJson(view);
            job.requestJson = null; // the owner's contact data is no longer needed here
            job.updatedAt = now;
            LOG.infof("Job succeeded: %s", view.outcome());
            metrics.counter("noseid.jobs.completed", "type", job.type.name(), "status", "SUCCEEDED",
                    "outcome", view.outcome().name()).increment();
        }
        return Optional.of(JobSnapshot.of(job));
    }

    /** A job message that failed {@code Topology.DELIVERY_LIMIT} times: the job fails for good. */
    @Transactional
    public Optional<JobSnapshot> deadLettered(JobRequest request, String reason) {
        JobEntity job = JobEntity.findById(request.jobId().toString(), LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            LOG.errorf("Dead-lettered %s job %s is unknown to the gateway (reason %s)", request.type(),
                    request.jobId(), reason);
            return Optional.empty();
        }
        if (job.status.isFinal()) {
            LOG.infof("Dead-lettered job was already %s; nothing to do", job.status);
            return Optional.of(JobSnapshot.of(job));
        }
        LOG.errorf("Job dead-lettered (reason %s): marking it FAILED", reason);
        fail(job, PROCESSING_FAILED, "The photos could not be processed after several attempts; "
                + "please submit the request again", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return Optional.of(JobSnapshot.of(job));
    }

    private void fail(JobEntity job, String code, String detail, Instant now) {
        job.status = JobStatus.FAILED;
        job.errorCode = code;
        job.errorDetail = detail == null ? null : truncate(detail, 1000);
        job.requestJson = null;
        job.updatedAt = now;
        PhotoEntity.deleteByJob(job.id);
        LOG.warnf("Job failed: %s", code);
        metrics.counter("noseid.jobs.completed", "type", job.type.name(), "status", "FAILED", "outcome", "NONE")
                .increment();
    }

    private JobResultView registration(JobEntity job, JobResult result, Instant now) {
        List<PhotoView> photos = photos(result);
        Outcome outcome = result.outcome();
        if (outcome == Outcome.REGISTERED) {
            return enrol(job, result, photos, now);
        }
        PhotoEntity.deleteByJob(job.id);
        if (outcome == Outcome.ALREADY_REGISTERED) {
            String number = result.dogId() == null ? null
                    : DogEntity.<DogEntity>findByIdOptional(result.dogId().toString())
                    .map(d -> d.registrationNumber).orElse(null);
            if (number == null) {
                LOG.warnf("ALREADY_REGISTERED names dog %s, which no longer exists", result.dogId());
            }
            return new JobResultView(ResultOutcome.ALREADY_REGISTERED, number, result.score(), null, null, photos);
        }
        if (outcome == Outcome.REJECTED) {
            return new JobResultView(ResultOutcome.REJECTED, null, null, null, null, photos);
        }
        return null;
    }

    private JobResultView enrol(JobEntity job, JobResult result, List<PhotoView> photos, Instant now) {
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
        return new JobResultView(ResultOutcome.REGISTERED, dog.registrationNumber, null, null, null, photos);
    }

    private JobResultView identification(JobEntity job, JobResult result) {
        List<PhotoView> photos = photos(result);
        PhotoEntity.deleteByJob(job.id);
        List<CandidateView> candidates = candidates(result.candidates());
        Outcome outcome = result.outcome();
        if (outcome == Outcome.MATCH) {
            Optional<DogEntity> dog = result.dogId() == null ? Optional.empty()
                    : DogEntity.findByIdOptional(result.dogId().toString());
            if (dog.isEmpty()) {
                // deleted after the worker matched it (or before the worker applied the removal)
                LOG.infof("MATCH names dog %s, which no longer exists: NO_MATCH", result.dogId());
                return new JobResultView(ResultOutcome.NO_MATCH, null, null, null, candidates, photos);
            }
            DogEntity d = dog.get();
            MatchedDogView matched = new MatchedDogView(d.name, d.breed, d.birthYear,
                    d.sex == null ? null : DogSex.valueOf(d.sex),
                    new OwnerContactView(d.owner.name, Contacts.maskPhone(d.owner.phone)));
            return new JobResultView(ResultOutcome.MATCH, d.registrationNumber, result.score(), matched, candidates,
                    photos);
        }
        if (outcome == Outcome.NO_MATCH) {
            return new JobResultView(ResultOutcome.NO_MATCH, null, null, null, candidates, photos);
        }
        if (outcome == Outcome.REJECTED) {
            return new JobResultView(ResultOutcome.REJECTED, null, null, null, candidates, photos);
        }
        return null;
    }

    /** Candidates whose dog no longer exists are dropped, so a deleted dog is never reported. */
    private static List<CandidateView> candidates(List<Candidate> candidates) {
        List<String> ids = candidates.stream().filter(c -> c.dogId() != null)
                .map(c -> c.dogId().toString()).distinct().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> numbers = DogEntity.<DogEntity>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(d -> d.id, d -> d.registrationNumber, (a, b) -> a));
        return candidates.stream()
                .filter(c -> c.dogId() != null && numbers.containsKey(c.dogId().toString()))
                .map(c -> new CandidateView(numbers.get(c.dogId().toString()), c.score()))
                .toList();
    }

    private static List<PhotoView> photos(JobResult result) {
        return result.photos().stream().map(PhotoView::of).toList();
    }

    private String toJson(JobResultView view) {
        try {
            return mapper.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

}
