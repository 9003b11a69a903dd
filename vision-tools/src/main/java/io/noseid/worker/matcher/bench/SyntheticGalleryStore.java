package io.noseid.worker.matcher.bench;

import io.noseid.worker.gallery.GalleryStore;
import io.noseid.worker.gallery.TemplateCodec;
import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.HammingEmbedding;
import io.noseid.worker.matcher.IndexPhoto;
import io.noseid.worker.matcher.NoseTemplate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A gallery of up to 100,000+ synthetic dogs for the benchmarks, derived on demand from a pool of real extracted
 * templates: dog i gets five pool photos whose BoW words are half re-drawn at random (keeping posting-list lengths
 * realistic without 500,000 extractions) and a pool SVM model. Nothing is stored per synthetic dog, so the heap
 * measured is the matcher's own. Real dogs (enrolled templates) are kept as they are.
 */
final class SyntheticGalleryStore implements GalleryStore {

    private final int syntheticDogs;
    private final List<NoseTemplate> pool;
    private final List<IndexPhoto> poolIndex;
    private final List<DogModel> models;
    private final int words;
    private final String version;
    private final Map<UUID, List<NoseTemplate>> real = new ConcurrentHashMap<>();
    private final Map<UUID, DogModel> realModels = new ConcurrentHashMap<>();
    private final Map<UUID, List<IndexPhoto>> realIndex = new ConcurrentHashMap<>();
    private long sequence;
    private long servingNanos;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    SyntheticGalleryStore(int syntheticDogs, List<NoseTemplate> pool, List<DogModel> models, int words,
                          HammingEmbedding embedding) {
        this.syntheticDogs = syntheticDogs;
        this.pool = pool;
        this.poolIndex = pool.stream().map(t -> IndexPhoto.of(t, embedding)).toList();
        this.models = models;
        this.words = words;
        this.version = pool.getFirst().vocabularyVersion();
    }

    static UUID syntheticId(int i) {
        return new UUID(0x5EEDL, i);
    }

    private List<NoseTemplate> synthetic(int i) {
        return draws(i).stream().map(d -> {
            NoseTemplate t = pool.get(d.pool());
            return t.withWords(version, d.words());
        }).toList();
    }

    /** The index form of synthetic dog i: the pool photos' keypoints and signatures on the re-drawn words. */
    private List<IndexPhoto> syntheticIndex(int i) {
        return draws(i).stream().map(d -> {
            IndexPhoto p = poolIndex.get(d.pool());
            return new IndexPhoto(d.words(), p.angles(), p.scales(), p.xs(), p.ys(), p.signatures());
        }).toList();
    }

    /** One photo of a synthetic dog: which pool photo it derives from, and its half re-drawn words. */
    private record Draw(int pool, int[] words) {
    }

    private List<Draw> draws(int i) {
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L + 1);
        List<Draw> out = new ArrayList<>(5);
        for (int p = 0; p < 5; p++) {
            int chosen = r.nextInt(pool.size());
            int[] w = pool.get(chosen).words().clone();
            for (int k = 0; k < w.length; k++) {
                if (r.nextBoolean()) {
                    w[k] = r.nextInt(words);
                }
            }
            out.add(new Draw(chosen, w));
        }
        return out;
    }

    @Override
    public synchronized long save(UUID dogId, List<NoseTemplate> photos, List<IndexPhoto> indexPhotos,
                                  DogModel model) {
        real.put(dogId, List.copyOf(photos));
        realIndex.put(dogId, List.copyOf(indexPhotos));
        realModels.put(dogId, model);
        return ++sequence;
    }

    @Override
    public synchronized long delete(UUID dogId) {
        realIndex.remove(dogId);
        return real.remove(dogId) == null ? -1 : ++sequence;
    }

    @Override
    public boolean contains(UUID dogId) {
        return real.containsKey(dogId) || dogId.getMostSignificantBits() == 0x5EEDL;
    }

    @Override
    public Optional<IndexEntry> indexEntry(UUID dogId) {
        List<NoseTemplate> t = templates(dogId);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        DogModel m = realModels.getOrDefault(dogId, models.get((int) (dogId.getLeastSignificantBits() % models.size())));
        List<IndexPhoto> index = real.containsKey(dogId) ? realIndex.get(dogId)
                : syntheticIndex((int) dogId.getLeastSignificantBits());
        return Optional.of(new IndexEntry(dogId, version, index, m));
    }

    @Override
    public List<NoseTemplate> templates(UUID dogId) {
        List<NoseTemplate> r = real.get(dogId);
        if (r != null) {
            return r;
        }
        if (dogId.getMostSignificantBits() == 0x5EEDL && dogId.getLeastSignificantBits() < syntheticDogs) {
            return synthetic((int) dogId.getLeastSignificantBits());
        }
        return List.of();
    }

    /**
     * Serves every dog as a worker's start reads it from MariaDB: as the stored bytes ({@link TemplateCodec}),
     * decoded here like {@code JdbcGalleryStore} does. Drawing and encoding a dog stands in for the database and is
     * timed apart ({@link #servingNanos()}) so that the benchmark's load figure is the worker's own work.
     */
    @Override
    public void forEachIndexEntry(Consumer<IndexEntry> consumer) {
        List<UUID> ids = new ArrayList<>(syntheticDogs + real.size());
        for (int i = 0; i < syntheticDogs; i++) {
            ids.add(syntheticId(i));
        }
        ids.addAll(real.keySet());
        for (UUID id : ids) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            IndexEntry e = indexEntry(id).orElseThrow();
            byte[] photos = TemplateCodec.encodeIndexPhotos(e.photos());
            byte[] model = TemplateCodec.encodeModel(e.model());
            servingNanos += THREADS.getCurrentThreadCpuTime() - t0;
            consumer.accept(new IndexEntry(id, e.vocabularyVersion(), TemplateCodec.decodeIndexPhotos(photos),
                    TemplateCodec.decodeModel(model)));
        }
    }

    /** CPU time this thread spent in {@link #forEachIndexEntry} drawing and encoding dogs (the database's part). */
    long servingNanos() {
        return servingNanos;
    }

    @Override
    public List<Change> changesSince(long afterSequence, int limit) {
        return List.of();
    }

    @Override
    public synchronized long latestSequence() {
        return sequence;
    }
}
