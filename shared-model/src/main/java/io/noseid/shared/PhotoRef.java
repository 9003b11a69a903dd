package io.noseid.shared;

/**
 * A photo stored by the gateway before the job was queued.
 *
 * @param index       position of the photo in the request (0-based, order of the {@code nose} parts)
 * @param photoId     primary key of the stored photo
 * @param contentType media type detected from the photo's magic bytes
 * @param sizeBytes   stored size
 */
public record PhotoRef(int index, long photoId, String contentType, long sizeBytes) {
}
