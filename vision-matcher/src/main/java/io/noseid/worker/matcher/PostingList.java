package io.noseid.worker.matcher;

import java.util.Arrays;

/**
 * The postings of one visual word: per enrolled keypoint its photo id and orientation (packed in an int: 1 byte less
 * per keypoint), scale, position and Hamming signature, 11 bytes in all. The columns grow, shrink and compact
 * together, in {@link #resize(int)} only (or are built at once by {@link PostingListLoader}).
 */
final class PostingList {

    /** Photo ids take the high 24 bits of a packed posting. */
    static final int MAX_PHOTOS = 1 << 24;

    private int[] ids = new int[8];
    private byte[] scales = new byte[8];
    private byte[] xs = new byte[8];
    private byte[] ys = new byte[8];
    private int[] signatures = new int[8];
    private int length;

    PostingList() {
    }

    /** A full list of the given columns (of equal length), as {@link PostingListLoader} builds it. */
    PostingList(int[] ids, byte[] scales, byte[] xs, byte[] ys, int[] signatures) {
        this.ids = ids;
        this.scales = scales;
        this.xs = xs;
        this.ys = ys;
        this.signatures = signatures;
        this.length = ids.length;
    }

    int length() {
        return length;
    }

    /** Packed photo id (high 24 bits) and orientation (low 8 bits) of each posting. */
    int[] ids() {
        return ids;
    }

    byte[] scales() {
        return scales;
    }

    byte[] xs() {
        return xs;
    }

    byte[] ys() {
        return ys;
    }

    int[] signatures() {
        return signatures;
    }

    static int photoOf(int packed) {
        return packed >>> 8;
    }

    void add(int photoId, byte angle, byte scale, byte x, byte y, int signature) {
        if (length == ids.length) {
            // Grows by an eighth: at 100,000 dogs the spare capacity is what matters, not the copies.
            resize(length + (length >> 3) + 8);
        }
        ids[length] = photoId << 8 | (angle & 0xff);
        scales[length] = scale;
        xs[length] = x;
        ys[length] = y;
        signatures[length] = signature;
        length++;
    }

    /** Releases the spare capacity. */
    void trimToSize() {
        if (ids.length > length) {
            resize(length);
        }
    }

    /**
     * Keeps the postings whose photo has a new id ({@code newId[old] >= 0}), renumbered; returns false when none
     * is left. Shrinks when less than half the capacity remains in use.
     */
    boolean compact(int[] newId) {
        int out = 0;
        for (int k = 0; k < length; k++) {
            int nid = newId[photoOf(ids[k])];
            if (nid >= 0) {
                ids[out] = nid << 8 | (ids[k] & 0xff);
                scales[out] = scales[k];
                xs[out] = xs[k];
                ys[out] = ys[k];
                signatures[out] = signatures[k];
                out++;
            }
        }
        length = out;
        if (out > 0 && out < ids.length / 2) {
            resize(out);
        }
        return out > 0;
    }

    private void resize(int capacity) {
        ids = Arrays.copyOf(ids, capacity);
        scales = Arrays.copyOf(scales, capacity);
        xs = Arrays.copyOf(xs, capacity);
        ys = Arrays.copyOf(ys, capacity);
        signatures = Arrays.copyOf(signatures, capacity);
    }
}
