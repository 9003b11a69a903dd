package io.noseid.gateway.identification.service;

import io.noseid.gateway.dog.DogEntity;
import io.noseid.gateway.job.JobEntity;
import io.noseid.gateway.job.JobKind;
import io.noseid.gateway.job.StoredResult;
import io.noseid.gateway.job.service.JobCompleter;
import io.noseid.gateway.owner.Contacts;
import io.noseid.gateway.photo.PhotoEntity;
import io.noseid.shared.Candidate;
import io.noseid.shared.JobResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An identification's answer. The photos are never kept. A dog deleted after the worker matched it (or before the
 * worker applied its removal) is never reported: its MATCH becomes NO_MATCH and it leaves the candidates.
 */
@ApplicationScoped
public class IdentificationCompleter implements JobCompleter {

    private static final Logger LOG = Logger.getLogger(IdentificationCompleter.class);

    @Override
    public JobKind kind() {
        return JobKind.IDENTIFICATION;
    }

    @Override
    public StoredResult complete(JobEntity job, JobResult result, Instant now) {
        PhotoEntity.deleteByJob(job.id);
        List<StoredResult.Candidate> candidates = stillRegistered(result.candidates());
        return switch (result.outcome()) {
            case MATCH -> {
                Optional<DogEntity> dog = result.dogId() == null ? Optional.empty()
                        : DogEntity.findByIdOptional(result.dogId().toString());
                if (dog.isEmpty()) {
                    LOG.infof("MATCH names dog %s, which no longer exists: NO_MATCH", result.dogId());
                    yield StoredResult.noMatch(candidates, result.photos());
                }
                DogEntity d = dog.get();
                StoredResult.MatchedDog matched = new StoredResult.MatchedDog(d.name, d.breed, d.birthYear, d.sex,
                        new StoredResult.Owner(d.owner.name, Contacts.maskPhone(d.owner.phone)));
                yield StoredResult.match(d.registrationNumber, result.score(), matched, candidates, result.photos());
            }
            case NO_MATCH -> StoredResult.noMatch(candidates, result.photos());
            case REJECTED -> StoredResult.rejected(candidates, result.photos());
            case REGISTERED, ALREADY_REGISTERED, REMOVED, ADAPTED ->
                    throw new InvalidResultException(result.outcome() + " for an identification");
        };
    }

    private static List<StoredResult.Candidate> stillRegistered(List<Candidate> candidates) {
        List<String> ids = candidates.stream().filter(c -> c.dogId() != null)
                .map(c -> c.dogId().toString()).distinct().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> numbers = DogEntity.<DogEntity>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(d -> d.id, d -> d.registrationNumber, (a, b) -> a));
        return candidates.stream()
                .filter(c -> c.dogId() != null && numbers.containsKey(c.dogId().toString()))
                .map(c -> new StoredResult.Candidate(numbers.get(c.dogId().toString()), c.score()))
                .toList();
    }
}
