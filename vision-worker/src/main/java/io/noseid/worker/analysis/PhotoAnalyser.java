package io.noseid.worker.analysis;

import io.noseid.shared.PhotoAssessment;
import io.noseid.shared.PhotoRejection;
import io.noseid.worker.detection.NoseDetection;
import io.noseid.worker.detection.NoseDetector;
import io.noseid.worker.detection.NoseQualityGate;
import io.noseid.worker.matcher.FeatureExtractor;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.photo.PhotoDecoder;
import io.noseid.worker.photo.PhotoDecodingException;
import org.opencv.core.Mat;

import java.util.List;
import java.util.Optional;

/**
 * The per-photo pipeline: decode (EXIF honoured; a file that does not decode completely is UNREADABLE), find the
 * nose, refuse what cannot be matched, crop, extract the
 * template. Plain Java; thread-safe as long as its parts are.
 */
public final class PhotoAnalyser {

    private final PhotoDecoder decoder;
    private final Optional<NoseDetector> detector;
    private final NoseQualityGate qualityGate;
    private final FeatureExtractor extractor;

    /**
     * @param detector empty when photos are known to be nose crops already: the whole photo is then the nose
     */
    public PhotoAnalyser(PhotoDecoder decoder, Optional<NoseDetector> detector, NoseQualityGate qualityGate,
                         FeatureExtractor extractor) {
        this.decoder = decoder;
        this.detector = detector;
        this.qualityGate = qualityGate;
        this.extractor = extractor;
    }

    public AnalysedPhoto analyse(int index, byte[] photo) {
        Mat image;
        try {
            image = decoder.decode(photo);
        } catch (PhotoDecodingException e) {
            return new AnalysedPhoto(PhotoAssessment.rejected(index, PhotoRejection.UNREADABLE, null, null),
                    Optional.empty());
        }
        try {
            Optional<NoseDetection> nose = detector.isPresent()
                    ? detector.get().detect(image)
                    : Optional.of(new NoseDetection(0, 0, image.cols(), image.rows(), 1.0));
            // Without a detector nothing was detected: report no box rather than an invented one.
            List<Integer> box = detector.isPresent()
                    ? nose.map(n -> List.of(n.x(), n.y(), n.width(), n.height())).orElse(null) : null;
            Double confidence = detector.isPresent() ? nose.map(NoseDetection::confidence).orElse(null) : null;
            Optional<PhotoRejection> rejection = qualityGate.rejectionReason(image, nose);
            if (rejection.isPresent()) {
                return new AnalysedPhoto(PhotoAssessment.rejected(index, rejection.get(), box, confidence),
                        Optional.empty());
            }
            Mat crop = detector.isPresent() ? qualityGate.crop(image, nose.get()) : image;
            try {
                NoseTemplate template = extractor.extract(crop);
                return new AnalysedPhoto(PhotoAssessment.accepted(index, box, confidence), Optional.of(template));
            } finally {
                if (crop != image) {
                    crop.release();
                }
            }
        } finally {
            image.release();
        }
    }
}
