package io.noseid.worker.matcher;

import io.noseid.worker.gallery.ForwardingGalleryStore;
import io.noseid.worker.gallery.GalleryStore.IndexEntry;
import io.noseid.worker.gallery.GalleryStore;
import io.noseid.worker.gallery.InMemoryGalleryStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoseMatcherTest {

    private static final int DOGS = 6;

    private static NoseMatcher galleryOfSixDogs(InMemoryGalleryStore store) {
        NoseMatcher m = new NoseMatcher(MatcherSettings.defaults(), TestTemplates.extractor().vocabulary(), store);
        for (int d = 0; d < DOGS; d++) {
            m.enrol(id(d), TestTemplates.templates(d, 0, 4));
        }
        return m;
    }

    private static UUID id(int dog) {
        return new UUID(42, dog);
    }

    @Test
    void identifiesEnrolledDogsAndRefusesStrangers() {
        try (NoseMatcher m = galleryOfSixDogs(new InMemoryGalleryStore())) {
            int right = 0;
            for (int d = 0; d < DOGS; d++) {
                MatchDecision decision = m.identify(List.of(TestTemplates.template(d, 4)));
                if (decision.matched() && id(d).equals(decision.bestDogId())) {
                    right++;
                }
                assertTrue(decision.score() >= 0 && decision.score() <= 1);
                assertFalse(decision.candidates().isEmpty());
            }
            assertTrue(right >= DOGS - 1, "genuine probes identified: " + right + " of " + DOGS);
            for (int stranger = 20; stranger < 24; stranger++) {
                MatchDecision decision = m.identify(List.of(TestTemplates.template(stranger, 0)));
                assertFalse(decision.matched(), "stranger " + stranger + " scored " + decision.score());
                assertNull(decision.bestDogId());
            }
        }
    }

    @Test
    void severalProbePhotosAreFused() {
        try (NoseMatcher m = galleryOfSixDogs(new InMemoryGalleryStore())) {
            MatchDecision one = m.identify(List.of(TestTemplates.template(2, 4)));
            MatchDecision two = m.identify(List.of(TestTemplates.template(2, 4), TestTemplates.template(2, 5)));
            assertEquals(id(2), two.bestDogId());
            assertTrue(two.score() >= one.score(), "a second genuine photo does not weaken the match");
        }
    }

    @Test
    void enrolIsIdempotentAndRemoveIsIdempotent() {
        try (NoseMatcher m = galleryOfSixDogs(new InMemoryGalleryStore())) {
            m.enrol(id(0), TestTemplates.templates(0, 0, 4));
            assertEquals(DOGS, m.gallerySize());
            m.remove(id(0));
            m.remove(id(0));
            assertFalse(m.isEnrolled(id(0)));
            assertEquals(DOGS - 1, m.gallerySize());
            MatchDecision d = m.identify(List.of(TestTemplates.template(0, 4)));
            assertFalse(d.matched() && id(0).equals(d.bestDogId()));
        }
    }

    @Test
    void loadsTheGalleryFromTheStoreAndAdoptsTemplatesOfOtherVocabularies() {
        InMemoryGalleryStore store = new InMemoryGalleryStore();
        galleryOfSixDogs(store).close();
        try (NoseMatcher m = new NoseMatcher(MatcherSettings.defaults(), TestTemplates.extractor().vocabulary(),
                store)) {
            assertEquals(DOGS, m.gallerySize());
            assertEquals(id(3), m.identify(List.of(TestTemplates.template(3, 5))).bestDogId());
            NoseTemplate t = TestTemplates.template(3, 5);
            // Words of another vocabulary (scrambled here) are recomputed from the descriptors, not trusted.
            int[] scrambled = t.words().clone();
            java.util.Arrays.fill(scrambled, 0);
            NoseTemplate foreign = new NoseTemplate("other-vocabulary", t.keypoints(), t.descriptors(), scrambled);
            assertEquals(id(3), m.identify(List.of(foreign)).bestDogId());
            assertThrows(IllegalArgumentException.class, () -> m.identify(List.of()));
        }
    }

    @Test
    void concurrentIdentificationsWhileEnrolling() throws Exception {
        try (NoseMatcher m = galleryOfSixDogs(new InMemoryGalleryStore())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<MatchDecision>> results = new ArrayList<>();
                List<Future<?>> enrolments = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    int dog = i % DOGS;
                    results.add(pool.submit(() -> m.identify(List.of(TestTemplates.template(dog, 4)))));
                    if (i % 4 == 0) {
                        int extra = 30 + i;
                        enrolments.add(pool.submit(() -> m.enrol(id(extra), TestTemplates.templates(extra, 0, 2))));
                    }
                }
                int right = 0;
                for (int i = 0; i < results.size(); i++) {
                    if (id(i % DOGS).equals(results.get(i).get().bestDogId())) {
                        right++;
                    }
                }
                assertTrue(right >= 10, "right under concurrency: " + right);
                for (Future<?> f : enrolments) {
                    f.get();
                }
                assertEquals(DOGS + enrolments.size(), m.gallerySize());
            } finally {
                pool.shutdown();
            }
        }
    }

    /** A gallery stored before Hamming signatures existed: the matcher recomputes them from the stored templates. */
    @Test
    void galleryStoredWithoutSignaturesIsSignedAtLoad() {
        InMemoryGalleryStore stored = new InMemoryGalleryStore();
        try (NoseMatcher writer = galleryOfSixDogs(stored)) {
            assertEquals(DOGS, writer.gallerySize());
        }
        GalleryStore withoutSignatures = new UnsignedView(stored);
        try (NoseMatcher m = new NoseMatcher(MatcherSettings.defaults(), TestTemplates.extractor().vocabulary(),
                withoutSignatures)) {
            assertEquals(DOGS, m.gallerySize());
            MatchDecision decision = m.identify(List.of(TestTemplates.template(2, 4)));
            assertTrue(decision.matched(), "score " + decision.score());
            assertEquals(id(2), decision.bestDogId());
        }
    }

    /** The store as an older worker version wrote it: index features without signatures. */
    private static final class UnsignedView extends ForwardingGalleryStore {

        UnsignedView(GalleryStore store) {
            super(store);
        }

        private static IndexEntry unsigned(IndexEntry e) {
            return new IndexEntry(e.dogId(), e.vocabularyVersion(), e.photos().stream()
                    .map(p -> new IndexPhoto(p.words(), p.angles(), p.scales(), p.xs(), p.ys(), null)).toList(),
                    e.model());
        }

        @Override
        public java.util.Optional<IndexEntry> indexEntry(UUID dogId) {
            return super.indexEntry(dogId).map(UnsignedView::unsigned);
        }

        @Override
        public void forEachIndexEntry(java.util.function.Consumer<IndexEntry> consumer) {
            super.forEachIndexEntry(e -> consumer.accept(unsigned(e)));
        }
    }
}
