package io.noseid.worker.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.opencv.core.Mat;

import java.util.List;
import java.util.Optional;

/**
 * DJL translator of a YOLOv5-format export: {@link #processInput} letterboxes the BGR photo (the letterbox and the
 * photo's size travel to {@link #processOutput} as attachments of the context), {@link #processOutput} decodes the
 * first output tensor into noses above {@code minConfidence} in pixels of the photo, after non-maximum suppression,
 * most confident first.
 */
final class NoseTranslator implements NoBatchifyTranslator<Mat, List<NoseDetection>> {

    private static final String LETTERBOX = "letterbox";
    private static final String IMAGE_WIDTH = "imageWidth";
    private static final String IMAGE_HEIGHT = "imageHeight";

    private final DetectorSettings settings;
    private final double minConfidence;

    NoseTranslator(DetectorSettings settings, double minConfidence) {
        this.settings = settings;
        this.minConfidence = minConfidence;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Mat bgr) {
        int size = settings.inputSize();
        Letterbox letterbox = Letterbox.of(bgr, size);
        ctx.setAttachment(LETTERBOX, letterbox);
        ctx.setAttachment(IMAGE_WIDTH, bgr.cols());
        ctx.setAttachment(IMAGE_HEIGHT, bgr.rows());
        return new NDList(ctx.getNDManager().create(letterbox.chw(), new Shape(1, 3, size, size)));
    }

    @Override
    public List<NoseDetection> processOutput(TranslatorContext ctx, NDList list) {
        NDArray out = list.get(0);
        return YoloOutput.decode(out.toFloatArray(), out.getShape().getShape(), settings.noseClassIndex(),
                minConfidence, settings.iouThreshold(), (Letterbox) ctx.getAttachment(LETTERBOX),
                (Integer) ctx.getAttachment(IMAGE_WIDTH), (Integer) ctx.getAttachment(IMAGE_HEIGHT));
    }

    /** The same translation keeping only the most confident nose. */
    Translator<Mat, Optional<NoseDetection>> mostConfident() {
        NoseTranslator all = this;
        return new NoBatchifyTranslator<>() {
            @Override
            public NDList processInput(TranslatorContext ctx, Mat bgr) {
                return all.processInput(ctx, bgr);
            }

            @Override
            public Optional<NoseDetection> processOutput(TranslatorContext ctx, NDList list) {
                List<NoseDetection> noses = all.processOutput(ctx, list);
                return noses.isEmpty() ? Optional.empty() : Optional.of(noses.getFirst());
            }
        };
    }
}
