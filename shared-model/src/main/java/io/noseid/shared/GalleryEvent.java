package io.noseid.shared;

import java.util.UUID;

/**
 * Published on the gallery fanout exchange after a worker committed a gallery change.
 *
 * @param dogId    the dog changed; null for {@code MATCHER_SWITCHED}
 * @param sequence the gallery change-log sequence number of the change; a worker that has applied it skips the event
 */
public record GalleryEvent(int version, UUID dogId, Change change, long sequence) {

    public static final int CURRENT_VERSION = 1;

    /** {@code MATCHER_SWITCHED}: an adaptation activated a new matcher version; every worker switches to it now. */
    public enum Change { ENROLLED, REMOVED, MATCHER_SWITCHED }
}
