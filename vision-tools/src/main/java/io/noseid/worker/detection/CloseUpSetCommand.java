package io.noseid.worker.detection;

import io.noseid.worker.matcher.eval.EvaluateCommand;
import io.noseid.worker.matcher.synthetic.CloseUpRenderer;
import io.noseid.worker.matcher.synthetic.NoNoseRenderer;
import io.noseid.worker.matcher.synthetic.NoseParamsV2;
import io.noseid.worker.matcher.synthetic.SyntheticNoseGenerator;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes rendered phone close-ups ({@link CloseUpRenderer}) and no-nose photos ({@link NoNoseRenderer}) as a YOLO
 * dataset, the layout of dog-nose-boxes: {@code images/*.jpg} and {@code labels/*.txt} (one {@code 0 cx cy w h} line
 * per nose, empty for no-nose photos). The detector's training reads it (tools/nose-detector/train.py
 * {@code --rendered}); seeds for training and for the close-up test set never overlap (MODEL_CARD.md).
 * <p>
 * {@code ./noseid synthetic closeups --out DIR [--seed 7100 --dogs 400 --photos 8 --negatives 1600 --first 0]
 * [--framing training|owner]}: {@code owner} frames as owners send close-ups ({@link CloseUpRenderer#OWNER}).
 */
public final class CloseUpSetCommand {

    private CloseUpSetCommand() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = EvaluateCommand.options(args);
        Path out = Path.of(a.getOrDefault("out", "target/close-ups"));
        long seed = Long.parseLong(a.getOrDefault("seed", "7100"));
        int dogs = Integer.parseInt(a.getOrDefault("dogs", "400"));
        int photos = Integer.parseInt(a.getOrDefault("photos", "8"));
        int negatives = Integer.parseInt(a.getOrDefault("negatives", "1600"));
        int first = Integer.parseInt(a.getOrDefault("first", "0"));
        CloseUpRenderer.Framing framing = switch (a.getOrDefault("framing", "training")) {
            case "training" -> CloseUpRenderer.TRAINING;
            case "owner" -> CloseUpRenderer.OWNER;
            default -> throw new IllegalArgumentException("--framing training|owner");
        };
        Files.createDirectories(out.resolve("images"));
        Files.createDirectories(out.resolve("labels"));
        CloseUpRenderer closeUps = new CloseUpRenderer(seed, NoseParamsV2.detectorCloseUps(), framing);
        for (int d = first; d < first + dogs; d++) {
            SyntheticNoseGenerator.DogPattern dog = closeUps.dog(d);
            for (int k = 0; k < photos; k++) {
                CloseUpRenderer.CloseUp c = closeUps.render(dog, k);
                String name = String.format(Locale.ROOT, "s%d-dog%05d-%d", seed, d, k);
                write(out, name, c.image(), yolo(c.box(), c.image().cols(), c.image().rows()));
            }
            dog.canonical().release();
            System.out.printf("\rclose-ups: %d/%d dogs", d - first + 1, dogs);
        }
        System.out.println();
        NoNoseRenderer noNose = new NoNoseRenderer(seed);
        for (int i = first * photos; i < first * photos + negatives; i++) {
            String name = String.format(Locale.ROOT, "s%d-none%05d-%s", seed, i,
                    NoNoseRenderer.kind(i).name().toLowerCase(Locale.ROOT));
            write(out, name, noNose.render(i), "");
            if (i % 50 == 0) {
                System.out.printf("\rno-nose: %d/%d", i - first * photos + 1, negatives);
            }
        }
        System.out.println();
    }

    static String yolo(Rect box, int w, int h) {
        return String.format(Locale.ROOT, "0 %.6f %.6f %.6f %.6f%n", (box.x + box.width / 2.0) / w,
                (box.y + box.height / 2.0) / h, box.width / (double) w, box.height / (double) h);
    }

    private static void write(Path out, String name, Mat image, String label) throws IOException {
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 97);
        Imgcodecs.imwrite(out.resolve("images").resolve(name + ".jpg").toString(), image, params);
        Reference.reachabilityFence(params);
        image.release();
        Files.writeString(out.resolve("labels").resolve(name + ".txt"), label);
    }
}
