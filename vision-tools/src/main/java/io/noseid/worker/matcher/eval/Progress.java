package io.noseid.worker.matcher.eval;

import java.util.concurrent.atomic.AtomicInteger;

/** Text progress bar on one terminal line. */
final class Progress {
    private final String label;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private final long start = System.nanoTime();

    Progress(String label, int total) {
        this.label = label;
        this.total = total;
    }

    void step() {
        int d = done.incrementAndGet();
        if (d == total || d % Math.max(1, total / 50) == 0) {
            int bar = (int) (30.0 * d / Math.max(1, total));
            synchronized (System.out) {
                System.out.printf("\r%-22s [%s%s] %d/%d %.0f s", label, "#".repeat(bar), ".".repeat(30 - bar), d,
                        total, (System.nanoTime() - start) / 1e9);
                System.out.flush();
            }
        }
    }

    void done() {
        System.out.println();
    }
}
