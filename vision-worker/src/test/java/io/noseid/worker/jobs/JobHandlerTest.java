package io.noseid.worker.jobs;

import io.noseid.shared.JobRequest;
import io.noseid.shared.JobResult;
import io.noseid.shared.Outcome;
import io.noseid.shared.PhotoAssessment;
import io.noseid.shared.PhotoRef;
import io.noseid.shared.PhotoRejection;
import io.noseid.worker.analysis.PhotoAnalyser;
import io.noseid.worker.detection.NoseQualityGate;
import io.noseid.worker.detection.QualitySettings;
import io.noseid.worker.gallery.GalleryChangeListener;
import io.noseid.worker.gallery.InMemoryGalleryStore;
import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.Vocabulary;
import io.noseid.worker.matcher.synthetic.SyntheticNoseGenerator;
import io.noseid.worker.photo.PhotoDecoder;
import io.noseid.worker.vision.OpenCv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job logic with the real pipeline and matcher (gallery in memory) on synthetic nose crops; only the transport
 * is left out. The detector is off because the photos are nose crops already.
 */
class JobHandlerTest {

    private final Map<Long, byte[]> stored = new HashMap<>();
    private final List<Double> progress = new ArrayList<>();
    private final List<String> galleryChanges = new ArrayList<>();
    private final SyntheticNoseGenerator noses = new SyntheticNoseGenerator(42L);
    private NoseMatcher matcher;
    private JobHandler handler;
    private long nextPhotoId = 1;

    @BeforeEach
    void setUp() {
        OpenCv.ensureLoaded();
        MatcherSettings settings = MatcherSettings.defaults();
        Vocabulary vocabulary = Vocabulary.loadDefault();
        matcher = new NoseMatcher(settings, vocabulary, new InMemoryGalleryStore());
        PhotoAnalyser analyser = new PhotoAnalyser(new PhotoDecoder(), Optional.empty(),
                new NoseQualityGate(QualitySettings.defaults()), new FeatureExtractor(settings, vocabulary));
        JobHandler.Adapter noAdaptations = request -> {
            throw new AssertionError("no adaptation in these tests");
        };
        handler = new JobHandler(analyser, () -> matcher, noAdaptations, photo -> stored.get(photo.photoId()),
                (jobId, fraction) -> progress.add(fraction),
                new GalleryChangeListener() {
                    @Override
                    public void enrolled(UUID dogId) {
                        galleryChanges.add("enrolled " + dogId);
                    }

                    @Override
                    public void removed(UUID dogId) {
                        galleryChanges.add("removed " + dogId);
                    }
                }, 3, 1, "test-worker");
    }

    @AfterEach
    void tearDown() {
        matcher.close();
    }

    @Test
    void registersANewDogAndReportsProgressPhotoByPhoto() {
        UUID dogId = UUID.randomUUID();
        JobResult result = handle(JobRequest.registration(UUID.randomUUID(), dogId, store(photos(1, 0, 5)),
                Instant.now()));

        assertEquals(Outcome.REGISTERED, result.outcome());
        assertEquals(dogId, result.dogId());
        assertEquals(5, result.photos().size());
        assertTrue(result.photos().stream().allMatch(PhotoAssessment::accepted));
        assertEquals(List.of("enrolled " + dogId), galleryChanges);
        assertEquals(5, progress.size());
        assertTrue(progress.getLast() < 1.0, "the end is the gateway's to announce");
        assertTrue(matcher.isEnrolled(dogId));
    }

    @Test
    void aRedeliveredRegistrationAnswersForTheDogItAlreadyEnrolled() {
        UUID dogId = UUID.randomUUID();
        JobRequest request = JobRequest.registration(UUID.randomUUID(), dogId, store(photos(2, 0, 5)), Instant.now());
        assertEquals(Outcome.REGISTERED, handle(request).outcome());

        JobResult again = handle(request);
        assertEquals(Outcome.REGISTERED, again.outcome(), "not ALREADY_REGISTERED against itself");
        assertEquals(dogId, again.dogId());
        assertEquals(1, matcher.gallerySize());
    }

    @Test
    void theSameDogWithOtherPhotosIsAlreadyRegisteredAndFoundByIdentification() {
        UUID dogId = UUID.randomUUID();
        handle(JobRequest.registration(UUID.randomUUID(), dogId, store(photos(3, 0, 5)), Instant.now()));

        JobResult duplicate = handle(JobRequest.registration(UUID.randomUUID(), UUID.randomUUID(),
                store(photos(3, 5, 5)), Instant.now()));
        assertEquals(Outcome.ALREADY_REGISTERED, duplicate.outcome());
        assertEquals(dogId, duplicate.dogId());
        assertTrue(duplicate.score() > 0.5 && duplicate.score() <= 1.0, "score " + duplicate.score());

        JobResult found = handle(JobRequest.identification(UUID.randomUUID(), store(photos(3, 10, 1)),
                Instant.now()));
        assertEquals(Outcome.MATCH, found.outcome());
        assertEquals(dogId, found.dogId());
        assertEquals(dogId, found.candidates().getFirst().dogId());

        JobResult stranger = handle(JobRequest.identification(UUID.randomUUID(), store(photos(4, 0, 1)),
                Instant.now()));
        assertEquals(Outcome.NO_MATCH, stranger.outcome());
        assertNull(stranger.dogId());
        assertEquals(1, matcher.gallerySize());
    }

    @Test
    void unreadablePhotosAreRejectedWithAReasonAndNothingIsEnrolled() {
        List<byte[]> photos = new ArrayList<>(photos(5, 0, 2));
        for (int i = 0; i < 3; i++) {
            photos.add("not a photo".getBytes());
        }
        JobResult result = handle(JobRequest.registration(UUID.randomUUID(), UUID.randomUUID(), store(photos),
                Instant.now()));

        assertEquals(Outcome.REJECTED, result.outcome());
        assertEquals(3, result.photos().stream().filter(p -> !p.accepted()).count());
        assertFalse(result.photos().get(4).reason().isBlank());
        assertEquals(PhotoRejection.UNREADABLE, result.photos().get(4).reasonCode());
        assertEquals(0, matcher.gallerySize());
        assertTrue(galleryChanges.isEmpty());
    }

    /** Issue 8, defect 5: truncated JPEGs decoded grey-filled were enrolled, and one alone matched at 0.88. */
    @Test
    void truncatedPhotosAreUnreadableNeverEnrolledNorMatched() {
        UUID dogId = UUID.randomUUID();
        assertEquals(Outcome.REGISTERED, handle(JobRequest.registration(UUID.randomUUID(), dogId,
                store(photos(7, 0, 5)), Instant.now())).outcome());
        List<byte[]> truncated = photos(7, 5, 5).stream()
                .map(jpeg -> java.util.Arrays.copyOf(jpeg, (int) (jpeg.length * 0.3))).toList();

        JobResult registration = handle(JobRequest.registration(UUID.randomUUID(), UUID.randomUUID(),
                store(truncated), Instant.now()));
        assertEquals(Outcome.REJECTED, registration.outcome());
        assertTrue(registration.photos().stream().allMatch(p -> p.reasonCode() == PhotoRejection.UNREADABLE));

        JobResult identification = handle(JobRequest.identification(UUID.randomUUID(), store(truncated.subList(0, 1)),
                Instant.now()));
        assertEquals(Outcome.REJECTED, identification.outcome());
        assertEquals(PhotoRejection.UNREADABLE, identification.photos().getFirst().reasonCode());
        assertEquals(1, matcher.gallerySize());
    }

    @Test
    void aRemovalTakesTheDogOutOfTheGallery() {
        UUID dogId = UUID.randomUUID();
        handle(JobRequest.registration(UUID.randomUUID(), dogId, store(photos(6, 0, 5)), Instant.now()));

        Optional<JobResult> removal = handler.handle(JobRequest.removal(UUID.randomUUID(), dogId, Instant.now()));
        assertTrue(removal.isEmpty(), "nobody waits for a removal's answer");
        assertFalse(matcher.isEnrolled(dogId));
        assertEquals("removed " + dogId, galleryChanges.getLast());
        assertEquals(Outcome.NO_MATCH, handle(JobRequest.identification(UUID.randomUUID(), store(photos(6, 5, 1)),
                Instant.now())).outcome());
    }

    private JobResult handle(JobRequest request) {
        return handler.handle(request).orElseThrow();
    }

    private List<byte[]> photos(int dog, int from, int count) {
        SyntheticNoseGenerator.DogPattern pattern = noses.dog(dog);
        List<byte[]> photos = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Mat photo = noses.photo(pattern, i);
            MatOfByte jpeg = new MatOfByte();
            Imgcodecs.imencode(".jpg", photo, jpeg);
            photos.add(jpeg.toArray());
        }
        return photos;
    }

    private List<PhotoRef> store(List<byte[]> photos) {
        List<PhotoRef> refs = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            long id = nextPhotoId++;
            stored.put(id, photos.get(i));
            refs.add(new PhotoRef(i, id, "image/jpeg", photos.get(i).length));
        }
        return refs;
    }
}
