package io.noseid.worker.matcher;

import java.util.Arrays;

/**
 * Collects the postings of the bulk load at start, when every stored dog is indexed at once, and turns them into
 * exact-size {@link PostingList}s at the end. Adding to a {@code PostingList} directly writes each posting into five
 * columns of a random word: five cache and TLB misses per keypoint over a 1.8 GB index, then copies of every column
 * as it grows. Here a posting's three ints (packed photo id and orientation; scale, x and y; signature) go side by
 * side into the word's current block, one miss; a full block is kept and a new one started (never copied), each an
 * eighth of what the word holds so far, so the spare capacity stays as small as {@code PostingList}'s growth.
 * {@link #finish(int)} writes a word's blocks into its columns in one sequential pass, in insertion order, so the
 * lists are the ones adding one by one would build.
 */
final class PostingListLoader {

    private static final int INTS_PER_POSTING = 3;
    private static final int FIRST_BLOCK_POSTINGS = 16;

    /** Per word, its filled blocks then its current one; null for a word without postings. */
    private final int[][][] blocks;
    /** Per word, how many blocks it has (the last is being filled). */
    private final int[] blockCount;
    /** Per word, ints used in its current block. */
    private final int[] fill;
    /** Per word, postings so far. */
    private final int[] length;

    PostingListLoader(int words) {
        this.blocks = new int[words][][];
        this.blockCount = new int[words];
        this.fill = new int[words];
        this.length = new int[words];
    }

    void add(int word, int photoId, byte angle, byte scale, byte x, byte y, int signature) {
        int[][] wordBlocks = blocks[word];
        int n = blockCount[word];
        int at = fill[word];
        if (n == 0 || at == wordBlocks[n - 1].length) {
            wordBlocks = newBlock(word);
            n = blockCount[word];
            at = 0;
        }
        int[] block = wordBlocks[n - 1];
        block[at] = photoId << 8 | (angle & 0xff);
        block[at + 1] = (scale & 0xff) << 16 | (x & 0xff) << 8 | (y & 0xff);
        block[at + 2] = signature;
        fill[word] = at + INTS_PER_POSTING;
        length[word]++;
    }

    private int[][] newBlock(int word) {
        int[][] wordBlocks = blocks[word];
        int n = blockCount[word];
        if (wordBlocks == null) {
            wordBlocks = new int[4][];
        } else if (n == wordBlocks.length) {
            wordBlocks = Arrays.copyOf(wordBlocks, n * 2);
        }
        int postings = Math.max(FIRST_BLOCK_POSTINGS, length[word] >> 3);
        wordBlocks[n] = new int[postings * INTS_PER_POSTING];
        blocks[word] = wordBlocks;
        blockCount[word] = n + 1;
        fill[word] = 0;
        return wordBlocks;
    }

    /** The word's postings as an exact-size list (null when it has none); its blocks are released. */
    PostingList finish(int word) {
        int n = length[word];
        if (n == 0) {
            return null;
        }
        int[] ids = new int[n];
        byte[] scales = new byte[n];
        byte[] xs = new byte[n];
        byte[] ys = new byte[n];
        int[] signatures = new int[n];
        int out = 0;
        for (int b = 0; b < blockCount[word]; b++) {
            int[] block = blocks[word][b];
            int used = b == blockCount[word] - 1 ? fill[word] : block.length;
            for (int i = 0; i < used; i += INTS_PER_POSTING) {
                ids[out] = block[i];
                int scaleAndPosition = block[i + 1];
                scales[out] = (byte) (scaleAndPosition >>> 16);
                xs[out] = (byte) (scaleAndPosition >>> 8);
                ys[out] = (byte) scaleAndPosition;
                signatures[out] = block[i + 2];
                out++;
            }
        }
        blocks[word] = null;
        blockCount[word] = 0;
        fill[word] = 0;
        length[word] = 0;
        return new PostingList(ids, scales, xs, ys, signatures);
    }
}
