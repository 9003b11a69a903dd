package io.noseid.worker.gallery;

import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseMatcher;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.TestTemplates;
import io.noseid.worker.matcher.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * catchUp() against out-of-order commits: auto-increment sequences are allocated before commit, so another worker
 * can see sequence 2 before sequence 1. The store below delegates to a real in-memory store and only withholds
 * chosen change-log rows, as an uncommitted transaction would.
 */
class CatchUpTest {

    private static final class LateCommitStore extends ForwardingGalleryStore {
        private final Set<Long> uncommitted = ConcurrentHashMap.newKeySet();
        private final Set<UUID> uncommittedDogs = ConcurrentHashMap.newKeySet();

        LateCommitStore() {
            super(new InMemoryGalleryStore());
        }

        long saveUncommitted(UUID dogId, List<NoseTemplate> photos, DogModel model) {
            long seq = delegate().save(dogId, photos, TestTemplates.indexPhotos(photos), model);
            uncommitted.add(seq);
            uncommittedDogs.add(dogId);
            return seq;
        }

        void commitAll() {
            uncommitted.clear();
            uncommittedDogs.clear();
        }

        @Override
        public boolean contains(UUID dogId) {
            return !uncommittedDogs.contains(dogId) && super.contains(dogId);
        }

        @Override
        public Optional<IndexEntry> indexEntry(UUID dogId) {
            return uncommittedDogs.contains(dogId) ? Optional.empty() : super.indexEntry(dogId);
        }

        @Override
        public List<NoseTemplate> templates(UUID dogId) {
            return uncommittedDogs.contains(dogId) ? List.of() : super.templates(dogId);
        }

        @Override
        public void forEachIndexEntry(Consumer<IndexEntry> consumer) {
            super.forEachIndexEntry(e -> {
                if (!uncommittedDogs.contains(e.dogId())) {
                    consumer.accept(e);
                }
            });
        }

        @Override
        public List<Change> changesSince(long afterSequence, int limit) {
            return super.changesSince(afterSequence, limit).stream()
                    .filter(c -> !uncommitted.contains(c.sequence())).toList();
        }
    }

    @Test
    void aChangeCommittedLateIsStillApplied() {
        LateCommitStore store = new LateCommitStore();
        MatcherSettings s = MatcherSettings.defaults();
        Vocabulary v = TestTemplates.extractor().vocabulary();
        UUID slow = new UUID(9, 1);
        UUID fast = new UUID(9, 2);
        try (NoseMatcher reader = new NoseMatcher(s, v, store)) {
            List<NoseTemplate> slowPhotos = TestTemplates.templates(10, 0, 2);
            store.saveUncommitted(slow, slowPhotos, DogModel.train(v, slowPhotos, s.svmC()));
            List<NoseTemplate> fastPhotos = TestTemplates.templates(11, 0, 2);
            long fastSeq = store.save(fast, fastPhotos, TestTemplates.indexPhotos(fastPhotos), DogModel.train(v, fastPhotos, s.svmC()));

            assertEquals(fastSeq, reader.catchUp(), "the visible change is applied");
            assertTrue(reader.isEnrolled(fast));
            assertFalse(reader.isEnrolled(slow));

            store.commitAll();
            assertEquals(fastSeq, reader.catchUp());
            assertTrue(reader.isEnrolled(slow), "the late commit below the applied sequence is not skipped");
            assertEquals(2, reader.gallerySize());
        }
    }
}
