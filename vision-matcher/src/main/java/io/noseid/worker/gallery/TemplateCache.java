package io.noseid.worker.gallery;

import io.noseid.worker.matcher.NoseTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Full templates of the most recently verified dogs (least recently used evicted). A generation counter, bumped by
 * every change, keeps a fetch that raced with a change from caching stale templates.
 */
final class TemplateCache {

    private final Map<UUID, List<NoseTemplate>> entries;
    private final AtomicLong generation = new AtomicLong();

    TemplateCache(int capacityDogs) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, List<NoseTemplate>> eldest) {
                return size() > capacityDogs;
            }
        };
    }

    /** The dog's templates, cached, or fetched with {@code fetch} (empty when not stored). */
    List<NoseTemplate> get(UUID dogId, Function<UUID, List<NoseTemplate>> fetch) {
        synchronized (entries) {
            List<NoseTemplate> t = entries.get(dogId);
            if (t != null) {
                return t;
            }
        }
        long generationBefore = generation.get();
        List<NoseTemplate> t = fetch.apply(dogId);
        synchronized (entries) {
            // A change applied during the fetch may have made these templates stale: use them once, do not cache.
            if (!t.isEmpty() && generation.get() == generationBefore) {
                entries.put(dogId, t);
            }
        }
        return t;
    }

    void invalidate(UUID dogId) {
        synchronized (entries) {
            generation.incrementAndGet();
            entries.remove(dogId);
        }
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
