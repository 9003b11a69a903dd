package io.noseid.worker.matcher.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The generator's figures beside the real photos' figures, row by row, with the difference and whether it is within
 * the row's tolerance. Shares (rank-1, recall, shares of probes) must be within +-0.05 absolute; inlier counts are
 * compared relatively: within +-20 % of the real count, and never tighter than +-1 inlier.
 */
final class CalibrationTable {

    /** How a row's difference is judged. */
    enum Kind {
        SHARE, COUNT;

        double tolerance(double real) {
            return this == SHARE ? 0.05 : Math.max(1.0, 0.2 * Math.abs(real));
        }
    }

    /**
     * One figure. {@code generator} is NaN when the run did not measure it; {@code required} rows are the issue's
     * acceptance rows, the others help tuning.
     */
    record Row(String figure, double real, double generator, Kind kind, boolean required) {

        double delta() {
            return generator - real;
        }

        boolean measured() {
            return !Double.isNaN(generator);
        }

        boolean within() {
            return measured() && Math.abs(delta()) <= kind.tolerance(real) + 1e-9;
        }

        String mark() {
            return !measured() ? "not measured" : within() ? "ok" : "OUTSIDE";
        }
    }

    private final List<Row> rows = new ArrayList<>();

    CalibrationTable add(String figure, double real, double generator, Kind kind, boolean required) {
        rows.add(new Row(figure, real, generator, kind, required));
        return this;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Required rows measured but outside their tolerance. */
    long requiredOutside() {
        return rows.stream().filter(r -> r.required() && r.measured() && !r.within()).count();
    }

    long requiredMeasured() {
        return rows.stream().filter(r -> r.required() && r.measured()).count();
    }

    /** A Markdown table (it reads as plain text too), then a one-line summary. */
    String format() {
        int w = rows.stream().mapToInt(r -> r.figure().length() + (r.required() ? 0 : 2)).max().orElse(6);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "| %-" + w + "s | %6s | %9s | %6s | %-12s |%n", "figure", "real",
                "generator", "delta", "+-0.05 / 20%"));
        b.append("|").append("-".repeat(w + 2)).append("|--------|-----------|--------|--------------|\n");
        for (Row r : rows) {
            String name = r.required() ? r.figure() : "(" + r.figure() + ")";
            b.append(String.format(Locale.ROOT, "| %-" + w + "s | %6s | %9s | %6s | %-12s |%n", name,
                    number(r.real(), r.kind()), r.measured() ? number(r.generator(), r.kind()) : "-",
                    r.measured() ? signed(r.delta(), r.kind()) : "-", r.mark()));
        }
        b.append(String.format(Locale.ROOT, "required rows outside tolerance: %d of %d measured%n",
                requiredOutside(), requiredMeasured()));
        return b.toString();
    }

    private static String number(double x, Kind k) {
        return String.format(Locale.ROOT, k == Kind.SHARE ? "%.2f" : "%.1f", x);
    }

    private static String signed(double x, Kind k) {
        return String.format(Locale.ROOT, k == Kind.SHARE ? "%+.2f" : "%+.1f", x);
    }
}
