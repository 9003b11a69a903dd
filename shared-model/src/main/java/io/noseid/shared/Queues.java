package io.noseid.shared;

/** Names of the RabbitMQ exchanges and queues both services declare identically. */
public final class Queues {

    /** Direct exchange for jobs; routing key = queue name. */
    public static final String JOBS_EXCHANGE = "noseid.jobs";
    /** Registrations and removals: single active consumer, so gallery writes are serialised across workers. */
    public static final String REGISTRATIONS = "noseid.registrations";
    /**
     * Matcher adaptations: single active consumer, apart from registrations so that registrations go on while a
     * worker builds the new matcher version.
     */
    public static final String ADAPTATIONS = "noseid.adaptations";
    /** Identifications: consumed in parallel by every worker. */
    public static final String IDENTIFICATIONS = "noseid.identifications";
    /** Worker answers, consumed by the gateway. */
    public static final String RESULTS_EXCHANGE = "noseid.results";
    public static final String RESULTS = "noseid.results";
    /** Messages that failed too often; the gateway marks their job FAILED. */
    public static final String DEAD_LETTER_EXCHANGE = "noseid.dead-letter";
    public static final String DEAD_LETTERS = "noseid.dead-letters";
    /** Fanout: a gallery change on one worker, to be applied by every other worker. */
    public static final String GALLERY_EVENTS_EXCHANGE = "noseid.gallery-events";

    private Queues() {
    }
}
