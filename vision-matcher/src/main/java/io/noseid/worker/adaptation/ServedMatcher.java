package io.noseid.worker.adaptation;

import io.noseid.worker.gallery.GalleryStore;
import io.noseid.worker.gallery.MatcherVersionStore;
import io.noseid.worker.matcher.Codebook;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.NoseMatcher;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The matcher version this worker answers with, in step with the shared {@code matcher_version} table: at start the
 * ACTIVE version (the shipped vocabulary on a fresh database); a READY version is loaded beside it so that the
 * switch costs nothing; {@link #refresh()} switches once another version became ACTIVE. A job takes
 * {@link #matcher()} once and finishes on that version, so a switch never mixes two versions in one answer.
 */
public final class ServedMatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServedMatcher.class.getName());

    /** A loaded version. */
    public record Served(NoseMatcher matcher, MatcherVersionStore.Version version) {
    }

    private final GalleryStore store;
    private final MatcherVersionStore versions;
    private final MatcherSettings settings;
    private final Map<String, Codebook> codebooks = new ConcurrentHashMap<>();
    private volatile Served current;
    private volatile Served prepared;

    public ServedMatcher(GalleryStore store, MatcherVersionStore versions, MatcherSettings settings,
                         String shippedVersion) {
        this.store = store;
        this.versions = versions;
        this.settings = settings;
        versions.ensureActive(shippedVersion);
        this.current = load(versions.active().orElseThrow());
    }

    public NoseMatcher matcher() {
        return current.matcher();
    }

    public MatcherVersionStore.Version version() {
        return current.version();
    }

    /** A version loaded beside the served one, ready to switch to. */
    public Optional<String> preparedVersion() {
        Served p = prepared;
        return p == null ? Optional.empty() : Optional.of(p.version().name());
    }

    /**
     * Brings this worker in line with the table: loads a READY version it has not loaded yet, and switches when the
     * ACTIVE version is not the served one. Loading takes as long as the start-up load; call it off the job threads.
     *
     * @return true when this call switched the served version
     */
    public synchronized boolean refresh() {
        Optional<MatcherVersionStore.Version> ready = versions.ready();
        if (ready.isPresent() && !ready.get().name().equals(preparedVersion().orElse(null))) {
            LOG.info("Loading matcher version " + ready.get().name() + " beside " + current.version().name());
            prepared = load(ready.get());
        }
        MatcherVersionStore.Version active = versions.active().orElseThrow();
        if (active.name().equals(current.version().name())) {
            return false;
        }
        Served next = prepared != null && prepared.version().name().equals(active.name())
                ? new Served(prepared.matcher(), active) : load(active);
        Served old = current;
        // The old version is not closed: jobs that took it finish on it, then it is garbage.
        current = next;
        prepared = null;
        // Templates enrolled between the prepared load and now are in the change log: apply them before answering.
        next.matcher().catchUp();
        LOG.info("Matcher version switched from " + old.version().name() + " to " + active.name() + " ("
                + next.matcher().gallerySize() + " dogs)");
        return true;
    }

    /** Applies the changes other workers committed, to the served version and to a prepared one. */
    public long catchUp() {
        Served p = prepared;
        if (p != null) {
            p.matcher().catchUp();
        }
        return current.matcher().catchUp();
    }

    private Served load(MatcherVersionStore.Version version) {
        long start = System.nanoTime();
        Codebook codebook = codebook(version.name());
        MatcherSettings served = version.inlierThreshold() == null ? settings
                : settings.withInlierThreshold(version.inlierThreshold());
        NoseMatcher matcher = new NoseMatcher(served, codebook, store, this::codebook, version.verifier());
        LOG.info(String.format("Matcher version %s loaded: %d dogs in %.1f s", version.name(), matcher.gallerySize(),
                (System.nanoTime() - start) / 1e9));
        return new Served(matcher, version);
    }

    /** The codebook of a version, read once (an enrolment writes the versions being built with theirs). */
    private Codebook codebook(String version) {
        return codebooks.computeIfAbsent(version, v -> new Codebook(versions.vocabulary(v)));
    }

    @Override
    public void close() {
        Served p = prepared;
        if (p != null) {
            p.matcher().close();
        }
        current.matcher().close();
    }
}
