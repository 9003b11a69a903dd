package io.noseid.worker.gallery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.shared.GalleryEvent;
import io.noseid.worker.config.WorkerConfig;
import io.noseid.worker.adaptation.MatcherVersionWatcher;
import io.noseid.worker.adaptation.ServedMatcher;
import io.noseid.worker.messaging.Payloads;
import io.noseid.worker.messaging.RabbitPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this replica's in-memory gallery index in step with the shared gallery tables. A change committed on one
 * replica is announced on a fanout exchange; every replica then catches up from the gallery's change log (so a lost or
 * reordered event costs nothing but latency). A periodic catch-up is the safety net, and registrations catch up
 * before deciding anyway.
 */
@ApplicationScoped
public class GallerySync implements GalleryChangeListener {

    private static final Logger LOG = Logger.getLogger(GallerySync.class);

    @Inject
    ServedMatcher matcher;
    @Inject
    MatcherVersionWatcher versions;
    @Inject
    ObjectMapper mapper;
    @Inject
    WorkerConfig config;
    @Inject
    @Channel("gallery-events-out")
    Emitter<String> events;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gallery-catch-up").daemon()
                .factory());
        long millis = config.gallery().catchUpInterval().toMillis();
        timer.scheduleWithFixedDelay(this::catchUpQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Incoming("gallery-events")
    @Blocking
    public void onGalleryEvent(Object payload) {
        try {
            GalleryEvent event = mapper.readValue(Payloads.asText(payload), GalleryEvent.class);
            if (event.change() == GalleryEvent.Change.MATCHER_SWITCHED) {
                versions.refreshNow();
                return;
            }
            long applied = matcher.catchUp();
            LOG.debugf("Gallery event %s %s (sequence %d); applied up to %d", event.change(), event.dogId(),
                    event.sequence(), applied);
        } catch (JsonProcessingException e) {
            LOG.warnf("Ignoring an unreadable gallery event: %s", e.getOriginalMessage());
        }
    }

    @Override
    public void enrolled(UUID dogId) {
        announce(dogId, GalleryEvent.Change.ENROLLED);
    }

    @Override
    public void removed(UUID dogId) {
        announce(dogId, GalleryEvent.Change.REMOVED);
    }

    /** Tells every worker that an adaptation activated a new matcher version (best effort: they also poll). */
    public void matcherSwitched() {
        announce(null, GalleryEvent.Change.MATCHER_SWITCHED);
    }

    private void announce(UUID dogId, GalleryEvent.Change change) {
        long sequence = matcher.catchUp();
        try {
            String json = mapper.writeValueAsString(
                    new GalleryEvent(GalleryEvent.CURRENT_VERSION, dogId, change, sequence));
            // Best effort: the change is durable already and the periodic catch-up covers a lost announcement.
            String subject = dogId == null ? change.name() : dogId.toString();
            RabbitPublisher.publishConfirmed(events, "", subject, json)
                    .exceptionally(failure -> {
                        LOG.warnf("Gallery event for %s not announced: %s", subject, failure.getMessage());
                        return null;
                    });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void catchUpQuietly() {
        try {
            matcher.catchUp();
        } catch (RuntimeException e) {
            LOG.warnf("Gallery catch-up failed, will retry: %s", e.getMessage());
        }
    }
}
