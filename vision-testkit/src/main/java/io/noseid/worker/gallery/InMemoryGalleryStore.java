package io.noseid.worker.gallery;

import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.IndexPhoto;
import io.noseid.worker.matcher.NoseTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Gallery kept in this JVM (tests, evaluation, benchmarks). Stores the encoded bytes, as the database does, so the
 * codec is exercised and callers cannot alias stored arrays. Several matchers sharing one instance behave like
 * workers sharing one database.
 */
public final class InMemoryGalleryStore implements GalleryStore {

    private record Dog(String vocabularyVersion, List<byte[]> templates, byte[] vectors, byte[] model) {
    }

    private final Map<UUID, Dog> dogs = new ConcurrentHashMap<>();
    private final List<Change> log = new ArrayList<>();

    public InMemoryGalleryStore() {
    }

    @Override
    public synchronized long save(UUID dogId, List<NoseTemplate> photos, List<IndexPhoto> indexPhotos, DogModel model) {
        List<byte[]> t = photos.stream().map(TemplateCodec::encodeTemplate).toList();
        String version = photos.isEmpty() ? "" : photos.getFirst().vocabularyVersion();
        byte[] vectors = TemplateCodec.encodeIndexPhotos(indexPhotos);
        dogs.put(dogId, new Dog(version, t, vectors, TemplateCodec.encodeModel(model)));
        return append(dogId, ChangeKind.ENROL);
    }

    @Override
    public synchronized long delete(UUID dogId) {
        return dogs.remove(dogId) == null ? -1 : append(dogId, ChangeKind.REMOVE);
    }

    private long append(UUID dogId, ChangeKind kind) {
        long seq = log.size() + 1L;
        log.add(new Change(seq, dogId, kind));
        return seq;
    }

    @Override
    public boolean contains(UUID dogId) {
        return dogs.containsKey(dogId);
    }

    @Override
    public Optional<IndexEntry> indexEntry(UUID dogId) {
        Dog d = dogs.get(dogId);
        return d == null ? Optional.empty() : Optional.of(entry(dogId, d));
    }

    private static IndexEntry entry(UUID id, Dog d) {
        return new IndexEntry(id, d.vocabularyVersion(), TemplateCodec.decodeIndexPhotos(d.vectors()),
                TemplateCodec.decodeModel(d.model()));
    }

    @Override
    public List<NoseTemplate> templates(UUID dogId) {
        Dog d = dogs.get(dogId);
        return d == null ? List.of() : d.templates().stream().map(TemplateCodec::decodeTemplate).toList();
    }

    @Override
    public void forEachIndexEntry(Consumer<IndexEntry> consumer) {
        dogs.forEach((id, d) -> consumer.accept(entry(id, d)));
    }

    @Override
    public synchronized List<Change> changesSince(long afterSequence, int limit) {
        int from = (int) Math.max(0, Math.min(afterSequence, log.size()));
        return List.copyOf(log.subList(from, Math.min(log.size(), from + limit)));
    }

    @Override
    public synchronized long latestSequence() {
        return log.size();
    }
}
