package io.noseid.worker.gallery;

import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.MatchDecision;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.TestTemplates;
import io.noseid.worker.matcher.Vocabulary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gallery in a real MariaDB database: durability, change log, and two workers sharing it. */
class JdbcGalleryStoreTest {

    private static GalleryTestDatabase db;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = new GalleryTestDatabase();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void storesTemplatesAndLogsEveryChangeInOrder() {
        JdbcGalleryStore store = new JdbcGalleryStore(db.dataSource());
        UUID dog = UUID.randomUUID();
        List<NoseTemplate> photos = TestTemplates.templates(0, 0, 2);
        Vocabulary v = TestTemplates.extractor().vocabulary();
        long before = store.latestSequence();
        long s1 = store.save(dog, photos, TestTemplates.indexPhotos(photos), DogModel.train(v, photos, 1.0));
        assertTrue(s1 > before);
        assertTrue(store.contains(dog));
        List<NoseTemplate> back = store.templates(dog);
        assertEquals(2, back.size());
        assertArrayEquals(photos.get(1).descriptors(), back.get(1).descriptors());
        assertArrayEquals(photos.get(1).keypoints(), back.get(1).keypoints());
        assertArrayEquals(photos.get(1).words(), store.indexEntry(dog).orElseThrow().photos().get(1).words());
        assertArrayEquals(TestTemplates.indexPhotos(photos).get(1).angles(),
                store.indexEntry(dog).orElseThrow().photos().get(1).angles());
        assertArrayEquals(TestTemplates.indexPhotos(photos).get(1).signatures(),
                store.indexEntry(dog).orElseThrow().photos().get(1).signatures());
        long s2 = store.save(dog, photos.subList(0, 1), TestTemplates.indexPhotos(photos.subList(0, 1)), DogModel.train(v, photos.subList(0, 1), 1.0));
        assertEquals(1, store.templates(dog).size(), "a second save replaces the dog's photos");
        long s3 = store.delete(dog);
        assertEquals(-1, store.delete(dog), "deleting an absent dog changes nothing");
        assertFalse(store.contains(dog));
        assertTrue(store.templates(dog).isEmpty());
        List<GalleryStore.Change> changes = store.changesSince(before, 100);
        assertEquals(List.of(s1, s2, s3), changes.stream().map(GalleryStore.Change::sequence).toList());
        assertEquals(GalleryStore.ChangeKind.REMOVE, changes.getLast().kind());
        assertEquals(s3, store.latestSequence());
    }

    @Test
    void workersSeeEachOthersChangesThroughCatchUpAndSurviveRestart() {
        JdbcGalleryStore store = new JdbcGalleryStore(db.dataSource());
        MatcherSettings s = MatcherSettings.defaults();
        Vocabulary v = TestTemplates.extractor().vocabulary();
        UUID rex = UUID.randomUUID();
        UUID fido = UUID.randomUUID();
        try (NoseMatcher a = new NoseMatcher(s, v, store); NoseMatcher b = new NoseMatcher(s, v, store)) {
            int base = a.gallerySize();
            a.enrol(rex, TestTemplates.templates(1, 0, 4));
            a.enrol(fido, TestTemplates.templates(2, 0, 4));
            assertTrue(a.isEnrolled(rex));
            assertFalse(b.isEnrolled(rex), "b has not caught up yet");
            long seq = b.catchUp();
            assertEquals(store.latestSequence(), seq);
            assertTrue(b.isEnrolled(rex));
            assertEquals(base + 2, b.gallerySize());
            MatchDecision d = b.identify(List.of(TestTemplates.template(1, 5)));
            assertTrue(d.matched(), "b identifies a dog enrolled on a");
            assertEquals(rex, d.bestDogId());

            a.remove(rex);
            a.remove(rex);
            b.catchUp();
            assertFalse(b.isEnrolled(rex));
            MatchDecision gone = b.identify(List.of(TestTemplates.template(1, 5)));
            assertFalse(gone.matched() && rex.equals(gone.bestDogId()));
        }
        try (NoseMatcher restarted = new NoseMatcher(s, v, new JdbcGalleryStore(db.dataSource()))) {
            assertTrue(restarted.isEnrolled(fido), "enrolments survive a restart");
            assertFalse(restarted.isEnrolled(rex));
            MatchDecision d = restarted.identify(List.of(TestTemplates.template(2, 5)));
            assertEquals(fido, d.bestDogId());
            assertNull(restarted.identify(List.of(TestTemplates.template(3, 0))).bestDogId(),
                    "a dog never enrolled is not matched");
        }
    }
}
