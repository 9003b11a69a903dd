package io.noseid.worker.matcher.eval;

import io.noseid.worker.matcher.NoseTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The probes of an evaluation: one identification request each, with one or several photos of one dog.
 *
 * @param genuine whether {@code dog} is enrolled (the right answer is then {@code truth})
 * @param dog     the dog's name in the dataset
 * @param photos  the indexes of the dog's photos this probe sends, in order
 */
record Probe(boolean genuine, String dog, UUID truth, List<Integer> photos, List<NoseTemplate> templates) {

    /** One probe per photo: every genuine dog's photos after the enrolled ones, every photo of every impostor. */
    static List<Probe> singlePhotos(EvalDataset ds, List<DogFeatures> genuineF, List<DogFeatures> impostorF) {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < genuineF.size(); i++) {
            List<NoseTemplate> t = genuineF.get(i).templates();
            for (int k = ds.enrol(); k < t.size(); k++) {
                probes.add(genuine(ds.genuine().get(i).name(), t, List.of(k)));
            }
        }
        for (int i = 0; i < impostorF.size(); i++) {
            List<NoseTemplate> t = impostorF.get(i).templates();
            for (int k = 0; k < t.size(); k++) {
                probes.add(new Probe(false, ds.impostors().get(i).name(), null, List.of(k), List.of(t.get(k))));
            }
        }
        return probes;
    }

    /**
     * Probe that send {@code count} photos of one dog at once, as the app does with several photos of a found dog:
     * the first {@code count} photos after the enrolled ones of every genuine dog that has at least {@code most}
     * photos after them, and the first {@code count} photos of every impostor dog with at least {@code most} photos.
     * The same dogs serve every {@code count} up to {@code most}, so the figures differ only by the number of photos.
     */
    static List<Probe> severalPhotos(EvalDataset ds, List<DogFeatures> genuineF, List<DogFeatures> impostorF,
                                      int count, int most) {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < genuineF.size(); i++) {
            List<NoseTemplate> t = genuineF.get(i).templates();
            if (t.size() - ds.enrol() >= most) {
                probes.add(genuine(ds.genuine().get(i).name(), t,
                        IntStream.range(ds.enrol(), ds.enrol() + count).boxed().toList()));
            }
        }
        for (int i = 0; i < impostorF.size(); i++) {
            List<NoseTemplate> t = impostorF.get(i).templates();
            if (t.size() >= most) {
                probes.add(new Probe(false, ds.impostors().get(i).name(), null,
                        IntStream.range(0, count).boxed().toList(), t.subList(0, count)));
            }
        }
        return probes;
    }

    private static Probe genuine(String dog, List<NoseTemplate> all, List<Integer> photos) {
        return new Probe(true, dog, EvaluateCommand.idOf(dog), photos, photos.stream().map(all::get).toList());
    }
}
