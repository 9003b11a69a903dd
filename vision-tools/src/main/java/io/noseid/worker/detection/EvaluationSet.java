package io.noseid.worker.detection;

import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The acceptance material built from dog-nose-boxes (YOLO labels): the photos as they are, close-ups (zoom-in crops
 * in which the nose fills 40-90 % of the frame) and no-nose images (crops away from the nose, generated textures).
 * Everything is derived deterministically from a seed, so figures are repeatable.
 */
public final class EvaluationSet {

    /** The part of the train split held out for choosing thresholds (same rule as tools/nose-detector/data.py). */
    static final double VAL_FRACTION = 0.15;

    public record Box(double x1, double y1, double x2, double y2) {
        double width() {
            return x2 - x1;
        }

        double height() {
            return y2 - y1;
        }

        Rect rect() {
            return new Rect((int) Math.round(x1), (int) Math.round(y1), (int) Math.round(width()),
                    (int) Math.round(height()));
        }

        double iou(NoseDetection d) {
            return YoloOutput.iou(new double[] {x1, y1, x2, y2},
                    new double[] {d.x(), d.y(), d.x() + d.width(), d.y() + d.height()});
        }
    }

    public record LabelledImage(String name, Mat bgr, List<Box> noses) {
    }

    private EvaluationSet() {
    }

    /** The dataset folder: -Dnoseid.datasets or NOSEID_DATASETS, else ../shared/datasets seen from the repo root. */
    public static Optional<Path> findDataset() {
        String configured = System.getProperty("noseid.datasets", System.getenv("NOSEID_DATASETS"));
        List<Path> candidates = configured != null
                ? List.of(Path.of(configured, "dog-nose-boxes"))
                : List.of(Path.of("../shared/datasets/dog-nose-boxes"), Path.of("../../shared/datasets/dog-nose-boxes"));
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("test/images"))).findFirst()
                .map(Path::toAbsolutePath).map(Path::normalize);
    }

    /**
     * split: "test", "train", or "val" / "trainfit" for the two parts of the train split; "val-faces" is val without
     * the whole-dog ImageNet photos (file names with an "-n0" synset id), i.e. the kind of photos the test split holds;
     * "val-unseen" is val without the photos of dogs that also have photos in trainfit (the test split's dogs are
     * all unseen in training, val's named dogs mostly are not): the ImageNet photos (one dog each) and the named dogs
     * held out whole.
     */
    public static List<LabelledImage> read(Path root, String split) {
        OpenCv.ensureLoaded();
        boolean facesOnly = split.equals("val-faces");
        boolean unseenOnly = split.equals("val-unseen");
        if (facesOnly || unseenOnly) {
            split = "val";
        }
        java.util.Set<String> trainedDogs = unseenOnly ? trainedDogs(root) : java.util.Set.of();
        String folder = split.equals("val") || split.equals("trainfit") ? "train" : split;
        Path images = root.resolve(folder).resolve("images");
        List<LabelledImage> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(images)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                String name = file.getFileName().toString();
                if (split.equals("val") && !isVal(name) || split.equals("trainfit") && isVal(name)
                        || facesOnly && name.contains("-n0") || unseenOnly && trainedDogs.contains(dogOf(name))) {
                    continue;
                }
                // Labels refer to the stored pixel layout (the training tool ignores EXIF orientation too).
                Mat bgr = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
                Path label = root.resolve(folder).resolve("labels").resolve(name.replaceAll("\\.jpg$", ".txt"));
                result.add(new LabelledImage(name, bgr, readBoxes(label, bgr.cols(), bgr.rows())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** The dog a photo shows: the name in "hash-Name_Name_0003.jpg", or the file itself for ImageNet photos. */
    static String dogOf(String fileName) {
        if (fileName.contains("-n0")) {
            return fileName;
        }
        String withoutHash = fileName.substring(fileName.indexOf('-') + 1);
        return withoutHash.replaceAll("_\\d+\\.jpg$", "");
    }

    private static java.util.Set<String> trainedDogs(Path root) {
        try (Stream<Path> files = Files.list(root.resolve("train").resolve("images"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jpg") && !isVal(n))
                    .map(EvaluationSet::dogOf).collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isVal(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue() % 1000 < VAL_FRACTION * 1000;
    }

    private static List<Box> readBoxes(Path label, int w, int h) throws IOException {
        List<Box> boxes = new ArrayList<>();
        if (!Files.exists(label)) {
            return boxes;
        }
        for (String line : Files.readAllLines(label)) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 5) {
                double cx = Double.parseDouble(p[1]) * w;
                double cy = Double.parseDouble(p[2]) * h;
                double bw = Double.parseDouble(p[3]) * w;
                double bh = Double.parseDouble(p[4]) * h;
                boxes.add(new Box(cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2));
            }
        }
        return boxes;
    }

    /** One close-up per photo: a crop around one nose so the nose's longer side is 40-90 % of the crop's side. */
    public static List<LabelledImage> closeUps(List<LabelledImage> photos, long seed) {
        Random rng = new Random(seed);
        List<LabelledImage> result = new ArrayList<>();
        for (LabelledImage photo : photos) {
            if (photo.noses().isEmpty()) {
                continue;
            }
            Box nose = photo.noses().get(rng.nextInt(photo.noses().size()));
            int w = photo.bgr().cols();
            int h = photo.bgr().rows();
            double fill = 0.4 + 0.5 * rng.nextDouble();
            double side = Math.max(nose.width(), nose.height()) / fill;
            int cw = (int) Math.min(w, Math.round(side));
            int ch = (int) Math.min(h, Math.round(side));
            int x0 = placement(rng, nose.x1(), nose.x2(), cw, w);
            int y0 = placement(rng, nose.y1(), nose.y2(), ch, h);
            Mat crop = new Mat(photo.bgr(), new Rect(x0, y0, cw, ch)).clone();
            Box inCrop = new Box(Math.max(0, nose.x1() - x0), Math.max(0, nose.y1() - y0),
                    Math.min(cw, nose.x2() - x0), Math.min(ch, nose.y2() - y0));
            result.add(new LabelledImage(photo.name() + "#closeup", crop, List.of(inCrop)));
        }
        return result;
    }

    private static int placement(Random rng, double lo, double hi, int crop, int limit) {
        double min = Math.max(0, hi - crop);
        double max = Math.min(limit - crop, lo);
        double v = max >= min ? min + rng.nextDouble() * (max - min) : (lo + hi - crop) / 2;
        return (int) Math.max(0, Math.min(limit - crop, Math.round(v)));
    }

    /** Crops of the photos that stay clear of every nose (with a margin), up to cropsPerPhoto each. */
    public static List<Mat> noNoseCrops(List<LabelledImage> photos, int cropsPerPhoto, long seed) {
        Random rng = new Random(seed);
        List<Mat> result = new ArrayList<>();
        for (LabelledImage photo : photos) {
            int w = photo.bgr().cols();
            int h = photo.bgr().rows();
            int made = 0;
            for (int attempt = 0; attempt < 60 && made < cropsPerPhoto; attempt++) {
                int side = (int) Math.round((0.25 + 0.35 * rng.nextDouble()) * Math.min(w, h));
                int x0 = rng.nextInt(Math.max(1, w - side + 1));
                int y0 = rng.nextInt(Math.max(1, h - side + 1));
                boolean clear = photo.noses().stream().noneMatch(b -> {
                    double mx = 0.15 * b.width();
                    double my = 0.15 * b.height();
                    return x0 < b.x2() + mx && x0 + side > b.x1() - mx && y0 < b.y2() + my && y0 + side > b.y1() - my;
                });
                if (clear) {
                    result.add(new Mat(photo.bgr(), new Rect(x0, y0, side, side)).clone());
                    made++;
                }
            }
        }
        return result;
    }

    /** Generated non-dog images: smooth noise, gradients, stripes, checkers, dark blobs, plain colour. */
    public static List<Mat> textures(int count, long seed) {
        OpenCv.ensureLoaded();
        Random rng = new Random(seed);
        List<Mat> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int w = 240 + rng.nextInt(400);
            int h = 240 + rng.nextInt(400);
            Mat img = new Mat(h, w, CvType.CV_8UC3, colour(rng, 0, 255));
            switch (i % 6) {
                case 0 -> {
                    int cells = 4 << rng.nextInt(5);
                    Mat small = new Mat(cells, cells, CvType.CV_8UC3);
                    Core.setRNGSeed(rng.nextInt());
                    Core.randu(small, 0, 255);
                    Imgproc.resize(small, img, new Size(w, h), 0, 0, Imgproc.INTER_CUBIC);
                    small.release();
                }
                case 1 -> {
                    Scalar a = colour(rng, 0, 255);
                    Scalar b = colour(rng, 0, 255);
                    for (int y = 0; y < h; y += 4) {
                        double t = (double) y / h;
                        Scalar c = new Scalar(a.val[0] * t + b.val[0] * (1 - t), a.val[1] * t + b.val[1] * (1 - t),
                                a.val[2] * t + b.val[2] * (1 - t));
                        Imgproc.rectangle(img, new Point(0, y), new Point(w, y + 4), c, -1);
                    }
                }
                case 2 -> {
                    int period = 4 + rng.nextInt(40);
                    Scalar c = colour(rng, 0, 255);
                    for (int x = -h; x < w + h; x += period) {
                        Imgproc.line(img, new Point(x, 0), new Point(x + h * (rng.nextDouble() - 0.5), h), c,
                                Math.max(1, period / 2));
                    }
                }
                case 3 -> {
                    int cell = 8 + rng.nextInt(56);
                    Scalar c = colour(rng, 0, 255);
                    for (int y = 0; y < h; y += cell) {
                        for (int x = ((y / cell) % 2) * cell; x < w; x += 2 * cell) {
                            Imgproc.rectangle(img, new Point(x, y), new Point(x + cell, y + cell), c, -1);
                        }
                    }
                }
                case 4 -> {
                    img.setTo(colour(rng, 60, 255));
                    int blobs = 1 + rng.nextInt(12);
                    for (int k = 0; k < blobs; k++) {
                        double r = 5 + rng.nextDouble() * Math.min(w, h) / 3.0;
                        Imgproc.ellipse(img, new Point(rng.nextInt(w), rng.nextInt(h)),
                                new Size(r, r * (0.5 + rng.nextDouble())), rng.nextInt(180), 0, 360,
                                colour(rng, 0, 120), -1);
                    }
                }
                default -> {
                    Mat noise = new Mat(h, w, CvType.CV_8UC3);
                    Core.setRNGSeed(rng.nextInt());
                    Core.randn(noise, 128, 10 + rng.nextInt(60));
                    Core.addWeighted(img, 0.5, noise, 0.5, 0, img);
                    noise.release();
                }
            }
            result.add(img);
        }
        return result;
    }

    private static Scalar colour(Random rng, int lo, int hi) {
        return new Scalar(lo + rng.nextInt(hi - lo + 1), lo + rng.nextInt(hi - lo + 1), lo + rng.nextInt(hi - lo + 1));
    }
}
