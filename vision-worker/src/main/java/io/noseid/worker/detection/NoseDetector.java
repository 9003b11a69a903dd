package io.noseid.worker.detection;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.noseid.worker.vision.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds the dog's nose with a YOLOv5-format TorchScript model through DJL's PyTorch engine. The model is loaded
 * once; DJL predictors are not thread-safe, so a call borrows a predictor that no other thread is using (created
 * on first need) and gives it back afterwards. A pool rather than a ThreadLocal: with virtual threads or a
 * churning pool a ThreadLocal would create, and keep, one predictor per thread ever seen; the pool holds as many
 * predictors as there were concurrent callers. {@link #load} returns only after the model answered a warm-up
 * image, so a returned detector is ready.
 */
public final class NoseDetector implements AutoCloseable {

    private static final String CLASSPATH_PREFIX = "classpath:";

    private final DetectorSettings settings;
    private final Model model;
    private final Translator<float[], RawOutput> translator;
    private final Deque<Predictor<float[], RawOutput>> idle = new ConcurrentLinkedDeque<>();
    private final List<Predictor<float[], RawOutput>> allPredictors = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private NoseDetector(DetectorSettings settings, Model model) {
        this.settings = settings;
        this.model = model;
        this.translator = new YoloInputOutput(settings.inputSize());
    }

    public static NoseDetector load(DetectorSettings settings) {
        OpenCv.ensureLoaded();
        DjlRuntime.configure();
        Model model = Model.newInstance("nose-detector", "PyTorch");
        try (InputStream in = open(settings.modelLocation())) {
            model.load(in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("Cannot load the nose model from " + settings.modelLocation() + ": "
                    + e.getMessage(), e);
        }
        NoseDetector detector = new NoseDetector(settings, model);
        Mat warmUp = new Mat(settings.inputSize() * 3 / 4, settings.inputSize(), CvType.CV_8UC3,
                new Scalar(114, 114, 114));
        try {
            detector.detectAll(warmUp, settings.confidenceThreshold());
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

    /** The most confident nose above the configured threshold, in pixels of {@code bgr}. Thread-safe. */
    public Optional<NoseDetection> detect(Mat bgr) {
        List<NoseDetection> all = detectAll(bgr, settings.confidenceThreshold());
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    /** Every nose above {@code minConfidence} after non-maximum suppression, most confident first. */
    public List<NoseDetection> detectAll(Mat bgr, double minConfidence) {
        if (closed) {
            throw new IllegalStateException("The nose detector is closed");
        }
        if (bgr.empty() || bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("Expected a non-empty 8-bit BGR image, got type " + bgr.type());
        }
        Letterbox letterbox = Letterbox.of(bgr, settings.inputSize());
        RawOutput out;
        Predictor<float[], RawOutput> predictor = borrow();
        try {
            out = predictor.predict(letterbox.chw());
        } catch (TranslateException e) {
            throw new IllegalStateException("Nose detection failed: " + e.getMessage(), e);
        } finally {
            idle.offerFirst(predictor);
        }
        return YoloOutput.decode(out.values(), out.shape(), settings.noseClassIndex(), minConfidence,
                settings.iouThreshold(), letterbox, bgr.cols(), bgr.rows());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        allPredictors.forEach(Predictor::close);
        allPredictors.clear();
        model.close();
    }

    /** Number of predictors created so far: the highest number of concurrent callers seen. */
    public int predictorCount() {
        return allPredictors.size();
    }

    private Predictor<float[], RawOutput> borrow() {
        Predictor<float[], RawOutput> predictor = idle.pollFirst();
        if (predictor == null) {
            predictor = model.newPredictor(translator);
            allPredictors.add(predictor);
        }
        return predictor;
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

    record RawOutput(float[] values, long[] shape) {
    }

    /** Feeds the letterboxed CHW floats; reads back the first output tensor of the export. */
    private record YoloInputOutput(int size) implements Translator<float[], RawOutput> {

        @Override
        public NDList processInput(TranslatorContext ctx, float[] chw) {
            return new NDList(ctx.getNDManager().create(chw, new Shape(1, 3, size, size)));
        }

        @Override
        public RawOutput processOutput(TranslatorContext ctx, NDList list) {
            NDArray out = list.get(0);
            return new RawOutput(out.toFloatArray(), out.getShape().getShape());
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }
    }
}
