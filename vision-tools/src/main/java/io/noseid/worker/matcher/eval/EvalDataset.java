package io.noseid.worker.matcher.eval;

import io.noseid.worker.matcher.synthetic.NoseGenerator;
import io.noseid.worker.matcher.synthetic.SyntheticNoseGenerator;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Evaluation protocol: genuine dogs (first {@code enrol} photos enrolled, the rest probe), impostor photos of dogs
 * never enrolled, and distractor dogs enrolled only to grow the gallery.
 *
 * @param genuine     dogs enrolled and probed
 * @param impostors   dogs never enrolled, every photo a probe
 * @param distractors dogs enrolled in the second phase only (gallery growth for the shortlist-recall figure)
 */
public record EvalDataset(String name, int enrol, List<Dog> genuine, List<Dog> impostors, List<Dog> distractors) {

    /** A dog: a name and a loader per photo (photos are decoded or rendered on demand to keep memory small). */
    public record Dog(String name, int photoCount, IntFunction<Mat> photo) {
    }

    /** Generator data: the held-out set uses seeds never used for the vocabulary. */
    public static EvalDataset synthetic(long seed, int genuine, int photos, int enrol, int impostorPhotos,
                                        int distractors) {
        return synthetic(NoseGenerator.v1(seed), "synthetic seed " + seed, genuine, photos, enrol, impostorPhotos, 1,
                distractors);
    }

    /** Data of any generator version, named after it ("synthetic v2 seed 1000"). */
    public static EvalDataset synthetic(NoseGenerator g, int genuine, int photos, int enrol, int impostorPhotos,
                                        int distractors) {
        return synthetic(g, genuine, photos, enrol, impostorPhotos, 1, distractors);
    }

    /**
     * @param impostorDogs      dogs never enrolled
     * @param photosPerImpostor photos of each (1 unless probes send several photos of one dog)
     */
    public static EvalDataset synthetic(NoseGenerator g, int genuine, int photos, int enrol, int impostorDogs,
                                        int photosPerImpostor, int distractors) {
        return synthetic(g, "synthetic " + g.name(), genuine, photos, enrol, impostorDogs, photosPerImpostor,
                distractors);
    }

    private static EvalDataset synthetic(NoseGenerator g, String name, int genuine, int photos, int enrol,
                                         int impostorPhotos, int photosPerImpostor, int distractors) {
        List<Dog> gen = new ArrayList<>();
        for (int d = 0; d < genuine; d++) {
            gen.add(syntheticDog(g, d, photos));
        }
        List<Dog> imp = new ArrayList<>();
        for (int d = 0; d < impostorPhotos; d++) {
            imp.add(syntheticDog(g, genuine + d, photosPerImpostor));
        }
        List<Dog> dis = new ArrayList<>();
        for (int d = 0; d < distractors; d++) {
            dis.add(syntheticDog(g, genuine + impostorPhotos + d, enrol));
        }
        return new EvalDataset(name, enrol, gen, imp, dis);
    }

    private static Dog syntheticDog(NoseGenerator g, int index, int photos) {
        // Photo k of dog d is fixed by (seed, d, k). The pattern is rendered once and kept until the dog's last
        // photo has been asked for (the evaluation reads one dog's photos in order on one thread).
        SyntheticNoseGenerator.DogPattern[] pattern = new SyntheticNoseGenerator.DogPattern[1];
        return new Dog("dog-" + index, photos, k -> {
            synchronized (pattern) {
                if (pattern[0] == null) {
                    pattern[0] = g.dog(index);
                }
                Mat m = g.photo(pattern[0], k);
                if (k == photos - 1) {
                    pattern[0].canonical().release();
                    pattern[0] = null;
                }
                return m;
            }
        });
    }

    /**
     * A folder with one sub-folder per dog. Dogs with more than {@code enrol} photos are genuine unless drawn as
     * impostors ({@code impostorShare} of them, seeded); dogs with fewer photos are impostors.
     */
    public static EvalDataset folder(Path root, int enrol, double impostorShare, long seed) throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        List<Dog> eligible = new ArrayList<>();
        List<Dog> imp = new ArrayList<>();
        for (Path dir : dirs) {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|bmp|webp)$")).sorted().toList();
            }
            if (files.isEmpty()) {
                continue;
            }
            Dog dog = new Dog(dir.getFileName().toString(), files.size(),
                    k -> Imgcodecs.imread(files.get(k).toString(), Imgcodecs.IMREAD_COLOR));
            (files.size() > enrol ? eligible : imp).add(dog);
        }
        List<Dog> shuffled = new ArrayList<>(eligible);
        Collections.shuffle(shuffled, new Random(seed));
        int nImp = (int) Math.round(shuffled.size() * impostorShare);
        imp.addAll(shuffled.subList(0, nImp));
        List<Dog> gen = new ArrayList<>(shuffled.subList(nImp, shuffled.size()));
        return new EvalDataset(root.toString(), enrol, gen, imp, List.of());
    }
}
