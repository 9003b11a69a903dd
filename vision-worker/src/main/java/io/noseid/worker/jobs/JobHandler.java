package io.noseid.worker.jobs;

import io.noseid.shared.Candidate;
import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.JobType;
import io.noseid.shared.Outcome;
import io.noseid.shared.PhotoAssessment;
import io.noseid.shared.PhotoRef;
import io.noseid.worker.analysis.AnalysedPhoto;
import io.noseid.worker.analysis.PhotoAnalyser;
import io.noseid.worker.gallery.GalleryChangeListener;
import io.noseid.worker.matcher.MatchDecision;
import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.NoseTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns one job into its result. Plain Java: the Quarkus side only feeds it messages and publishes what it returns.
 * Safe to run again for the same job (a redelivery after a crash): a registration whose dog is already enrolled under
 * the job's own dog id answers REGISTERED again instead of matching the dog against itself.
 */
public final class JobHandler {

    /** Loads a stored photo's bytes. */
    public interface PhotoSource {
        byte[] load(PhotoRef photo);
    }

    /** Runs an adaptation job (it needs the database and every worker; see {@code AdaptationRunner}). */
    public interface Adapter {
        JobResult adapt(JobRequest request);
    }

    /** Told after each photo, so the client sees progress photo by photo. */
    public interface ProgressListener {
        void progress(UUID jobId, double fraction);
    }

    private final PhotoAnalyser analyser;
    private final Supplier<NoseMatcher> matchers;
    private final Adapter adapter;
    private final PhotoSource photos;
    private final ProgressListener progress;
    private final GalleryChangeListener galleryChanges;
    private final int minUsableForRegistration;
    private final int minUsableForIdentification;
    private final String workerId;

    /**
     * @param matchers the matcher version served now: each job takes it once and finishes on it, so an adaptation's
     *                 switch never mixes two versions in one answer
     */
    public JobHandler(PhotoAnalyser analyser, Supplier<NoseMatcher> matchers, Adapter adapter, PhotoSource photos,
                      ProgressListener progress, GalleryChangeListener galleryChanges, int minUsableForRegistration,
                      int minUsableForIdentification, String workerId) {
        this.analyser = analyser;
        this.matchers = matchers;
        this.adapter = adapter;
        this.photos = photos;
        this.progress = progress;
        this.galleryChanges = galleryChanges;
        this.minUsableForRegistration = minUsableForRegistration;
        this.minUsableForIdentification = minUsableForIdentification;
        this.workerId = workerId;
    }

    /** @return the result to publish, or empty for jobs nobody waits on (removals) */
    public Optional<JobResult> handle(JobRequest request) {
        boolean needsDog = request.type() == JobType.REGISTRATION || request.type() == JobType.REMOVAL;
        if (needsDog && request.dogId() == null) {
            // A malformed message: retrying cannot help, the queue's delivery limit will dead-letter it.
            throw new IllegalArgumentException(request.type() + " job " + request.jobId() + " carries no dog id");
        }
        return switch (request.type()) {
            case REGISTRATION -> Optional.of(register(request));
            case IDENTIFICATION -> Optional.of(identify(request));
            case ADAPTATION -> Optional.of(adapter.adapt(request));
            case REMOVAL -> {
                matchers.get().remove(request.dogId());
                galleryChanges.removed(request.dogId());
                yield Optional.empty();
            }
        };
    }

    private JobResult register(JobRequest request) {
        NoseMatcher matcher = matchers.get();
        // Another replica may have enrolled dogs since our last event: decide against the whole gallery.
        matcher.catchUp();
        List<AnalysedPhoto> analysed = analyse(request);
        List<PhotoAssessment> assessments = analysed.stream().map(AnalysedPhoto::assessment).toList();
        if (matcher.isEnrolled(request.dogId())) {
            return JobResult.success(request, Outcome.REGISTERED, request.dogId(), null, List.of(), assessments,
                    workerId);
        }
        List<NoseTemplate> templates = usableTemplates(analysed);
        if (templates.size() < minUsableForRegistration) {
            return JobResult.success(request, Outcome.REJECTED, null, null, List.of(), assessments, workerId);
        }
        MatchDecision decision = matcher.identify(templates);
        if (decision.matched()) {
            return JobResult.success(request, Outcome.ALREADY_REGISTERED, decision.bestDogId(), decision.score(),
                    List.of(), assessments, workerId);
        }
        matcher.enrol(request.dogId(), templates);
        galleryChanges.enrolled(request.dogId());
        return JobResult.success(request, Outcome.REGISTERED, request.dogId(), null, List.of(), assessments,
                workerId);
    }

    private JobResult identify(JobRequest request) {
        NoseMatcher matcher = matchers.get();
        List<AnalysedPhoto> analysed = analyse(request);
        List<PhotoAssessment> assessments = analysed.stream().map(AnalysedPhoto::assessment).toList();
        List<NoseTemplate> templates = usableTemplates(analysed);
        if (templates.size() < minUsableForIdentification) {
            return JobResult.success(request, Outcome.REJECTED, null, null, List.of(), assessments, workerId);
        }
        MatchDecision decision = matcher.identify(templates);
        List<Candidate> candidates = decision.candidates().stream()
                .map(c -> new Candidate(c.dogId(), c.score()))
                .toList();
        if (decision.matched()) {
            return JobResult.success(request, Outcome.MATCH, decision.bestDogId(), decision.score(), candidates,
                    assessments, workerId);
        }
        return JobResult.success(request, Outcome.NO_MATCH, null, null, candidates, assessments, workerId);
    }

    private List<AnalysedPhoto> analyse(JobRequest request) {
        List<AnalysedPhoto> analysed = new ArrayList<>(request.photos().size());
        int done = 0;
        for (PhotoRef photo : request.photos()) {
            analysed.add(analyser.analyse(photo.index(), photos.load(photo)));
            done++;
            // The last share of the bar is the matching itself.
            progress.progress(request.jobId(), 0.9 * done / request.photos().size());
        }
        return analysed;
    }

    private static List<NoseTemplate> usableTemplates(List<AnalysedPhoto> analysed) {
        return analysed.stream().flatMap(a -> a.template().stream()).toList();
    }
}
