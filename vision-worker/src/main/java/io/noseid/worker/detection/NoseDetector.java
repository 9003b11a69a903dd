package io.noseid.worker.detection;

import ai.djl.ModelException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.noseid.worker.vision.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Finds the dog's nose with a YOLOv5-format TorchScript model through DJL's PyTorch engine, the DJL way: the model
 * is loaded once through a {@link Criteria}, and a {@link NoseTranslator} does the letterbox and the output decoding,
 * so that a {@code Predictor<Mat, Optional<NoseDetection>>} answers a photo. DJL predictors are not thread-safe, so a
 * call borrows a predictor that no other thread is using (created on first need) and gives it back afterwards. A
 * pool rather than a ThreadLocal: with virtual threads or a churning pool a ThreadLocal would create, and keep, one
 * predictor per thread ever seen; the pool holds as many predictors as there were concurrent callers.
 * {@link #load} returns only after the model answered a warm-up image, so a returned detector is ready.
 */
public final class NoseDetector implements AutoCloseable {

    private static final String CLASSPATH_PREFIX = "classpath:";
    private static final String MODEL_NAME = "nose-detector";
    @SuppressWarnings("unchecked")
    private static final Class<Optional<NoseDetection>> MOST_CONFIDENT =
            (Class<Optional<NoseDetection>>) (Class<?>) Optional.class;

    /** Second-look boxes below this confidence cannot lift a mean to any useful threshold. */
    private static final double SECOND_LOOK_FLOOR = 0.05;

    private final DetectorSettings settings;
    private final ZooModel<Mat, Optional<NoseDetection>> model;
    /** Predictors of the surest nose above the first-look floor ({@link DetectorSettings#firstLookFloor()}): the service's path. */
    private final PredictorPool<Optional<NoseDetection>> mostConfident;
    /** Predictors listing every nose above a threshold of the caller's (evaluation, tests), one pool per threshold. */
    private final Map<Double, PredictorPool<List<NoseDetection>>> allAbove = new ConcurrentHashMap<>();
    private final LongAdder secondLooks = new LongAdder();
    private volatile boolean closed;

    private NoseDetector(DetectorSettings settings, ZooModel<Mat, Optional<NoseDetection>> model) {
        this.settings = settings;
        this.model = model;
        this.mostConfident = new PredictorPool<>(model::newPredictor);
    }

    public static NoseDetector load(DetectorSettings settings) {
        OpenCv.ensureLoaded();
        DjlRuntime.configure();
        ZooModel<Mat, Optional<NoseDetection>> model;
        Path dir = null;
        try {
            // Criteria loads from a folder: the export (a file or a classpath resource) is copied into one.
            dir = Files.createTempDirectory("noseid-model");
            try (InputStream in = open(settings.modelLocation())) {
                Files.copy(in, dir.resolve(MODEL_NAME + ".pt"));
            }
            model = Criteria.builder()
                    .setTypes(Mat.class, MOST_CONFIDENT)
                    .optEngine("PyTorch")
                    .optModelPath(dir)
                    .optModelName(MODEL_NAME)
                    .optTranslator(new NoseTranslator(settings, settings.firstLookFloor()).mostConfident())
                    .build()
                    .loadModel();
        } catch (IOException | ModelException | RuntimeException e) {
            throw new IllegalStateException("Cannot load the nose model from " + settings.modelLocation() + ": "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
        NoseDetector detector = new NoseDetector(settings, model);
        Mat warmUp = new Mat(settings.inputSize() * 3 / 4, settings.inputSize(), CvType.CV_8UC3,
                new Scalar(114, 114, 114));
        try {
            detector.detect(warmUp);
        } catch (RuntimeException e) {
            detector.close();
            throw new IllegalStateException("The nose model " + settings.modelLocation()
                    + " did not answer a warm-up image at input size " + settings.inputSize()
                    + " (is it a YOLOv5 TorchScript export traced at that size?): " + e.getMessage(), e);
        } finally {
            warmUp.release();
        }
        return detector;
    }

    public DetectorSettings settings() {
        return settings;
    }

    /**
     * The most confident nose, in pixels of {@code bgr}, when it reaches the configured threshold, or when it is
     * below it and a {@link SecondLook} confirms it (its confidence is then the two looks' mean). Thread-safe.
     */
    public Optional<NoseDetection> detect(Mat bgr) {
        Optional<NoseDetection> surest = mostConfident.predict(checked(bgr));
        if (surest.isEmpty() || surest.get().confidence() >= settings.confidenceThreshold()) {
            return surest;
        }
        NoseDetection firstLook = surest.get();
        SecondLook look = settings.secondLook();
        if (!look.worthALook(firstLook.confidence())) {
            return Optional.empty();
        }
        secondLooks.increment();
        double secondLook = secondLook(bgr, firstLook);
        return look.accepts(firstLook.confidence(), secondLook)
                ? Optional.of(firstLook.withConfidence(SecondLook.combined(firstLook.confidence(), secondLook)))
                : Optional.empty();
    }

    /**
     * The confidence of the second look ({@link SecondLook}: the photo shrunk onto a canvas) in {@code firstLook}'s
     * box: its most confident box that agrees with it, or 0. Evaluation calls it for every photo to tune the second
     * look's threshold; {@link #detect} only for photos below the threshold.
     */
    public double secondLook(Mat bgr, NoseDetection firstLook) {
        SecondLook.Canvas canvas = settings.secondLook().canvas(checked(bgr));
        try {
            List<NoseDetection> onCanvas = detectAll(canvas.image(), SECOND_LOOK_FLOOR);
            return SecondLook.agreeing(firstLook, onCanvas.stream().map(canvas::toPhoto).toList());
        } finally {
            canvas.image().release();
        }
    }

    /** Every nose above {@code minConfidence} after non-maximum suppression, most confident first. */
    public List<NoseDetection> detectAll(Mat bgr, double minConfidence) {
        checked(bgr);
        NoseTranslator translator = new NoseTranslator(settings, minConfidence);
        return allAbove.computeIfAbsent(minConfidence, t -> new PredictorPool<>(() -> model.newPredictor(translator)))
                .predict(bgr);
    }

    private Mat checked(Mat bgr) {
        if (closed) {
            throw new IllegalStateException("The nose detector is closed");
        }
        if (bgr.empty() || bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("Expected a non-empty 8-bit BGR image, got type " + bgr.type());
        }
        return bgr;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        mostConfident.close();
        allAbove.values().forEach(PredictorPool::close);
        allAbove.clear();
        model.close();
    }

    /** How many photos {@link #detect} has looked at twice so far (each costs a second inference). */
    public long secondLookCount() {
        return secondLooks.sum();
    }

    /** Number of predictors created so far: the highest number of concurrent callers seen. */
    public int predictorCount() {
        return mostConfident.size() + allAbove.values().stream().mapToInt(PredictorPool::size).sum();
    }

    /** Idle predictors of one translator, most recently returned first. */
    private static final class PredictorPool<O> {
        private final Supplier<Predictor<Mat, O>> factory;
        private final Deque<Predictor<Mat, O>> idle = new ConcurrentLinkedDeque<>();
        private final List<Predictor<Mat, O>> all = new CopyOnWriteArrayList<>();

        PredictorPool(Supplier<Predictor<Mat, O>> factory) {
            this.factory = factory;
        }

        O predict(Mat bgr) {
            Predictor<Mat, O> predictor = idle.pollFirst();
            if (predictor == null) {
                predictor = factory.get();
                all.add(predictor);
            }
            try {
                return predictor.predict(bgr);
            } catch (TranslateException e) {
                throw new IllegalStateException("Nose detection failed: " + e.getMessage(), e);
            } finally {
                idle.offerFirst(predictor);
            }
        }

        int size() {
            return all.size();
        }

        void close() {
            all.forEach(Predictor::close);
            all.clear();
            idle.clear();
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/", "");
            InputStream in = NoseDetector.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("classpath resource " + resource + " not found");
            }
            return in;
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new UncheckedIOException(new IOException("model file " + path.toAbsolutePath() + " not found"));
        }
        return Files.newInputStream(path);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover copy in the temporary folder is harmless.
        }
    }
}
