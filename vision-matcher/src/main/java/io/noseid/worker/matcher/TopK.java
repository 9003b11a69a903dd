package io.noseid.worker.matcher;

import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/**
 * The {@code k} best-scored indices of a score array, by a bounded min-heap: a later index scoring the same as the
 * weakest kept one does not displace it.
 */
final class TopK {

    private TopK() {
    }

    /** The best {@code k} of the indices {@code 0..n-1} accepted by {@code include}, best first. */
    static int[] best(float[] score, int n, int k, IntPredicate include) {
        PriorityQueue<Integer> heap = select(score, n, k, include);
        int[] out = new int[heap.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = heap.poll();
        }
        return out;
    }

    /** The best {@code k} indices of the whole array, in no particular (but deterministic) order. */
    static int[] unordered(float[] score, int k) {
        return select(score, score.length, k, i -> true).stream().mapToInt(Integer::intValue).toArray();
    }

    private static PriorityQueue<Integer> select(float[] score, int n, int k, IntPredicate include) {
        PriorityQueue<Integer> heap = new PriorityQueue<>(k + 1, (x, y) -> Float.compare(score[x], score[y]));
        for (int i = 0; i < n; i++) {
            if (!include.test(i)) {
                continue;
            }
            if (heap.size() < k) {
                heap.add(i);
            } else if (score[i] > score[heap.peek()]) {
                heap.poll();
                heap.add(i);
            }
        }
        return heap;
    }
}
