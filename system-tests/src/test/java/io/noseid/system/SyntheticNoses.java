package io.noseid.system;

import io.noseid.worker.matcher.synthetic.CloseUpRenderer;
import io.noseid.worker.matcher.synthetic.NoseParamsV2;
import io.noseid.worker.matcher.synthetic.SyntheticNoseGenerator;
import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import java.util.ArrayList;
import java.util.List;

/** JPEG nose photos of synthetic dogs, as a phone would upload them. */
final class SyntheticNoses {

    private final long seed;
    private final SyntheticNoseGenerator generator;

    SyntheticNoses(long seed) {
        OpenCv.ensureLoaded();
        this.seed = seed;
        this.generator = new SyntheticNoseGenerator(seed);
    }

    /**
     * Rendered phone close-ups {@code from} .. {@code from + count - 1} of dog {@code dog} (generator v2's dog of
     * this seed, the nose 70-95 % of the frame as owners send them): photos the nose detector has to find.
     */
    List<byte[]> closeUps(int dog, int from, int count) {
        CloseUpRenderer renderer = new CloseUpRenderer(seed, NoseParamsV2.detectorCloseUps(), CloseUpRenderer.OWNER);
        SyntheticNoseGenerator.DogPattern pattern = renderer.dog(dog);
        List<byte[]> photos = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            photos.add(jpeg(renderer.render(pattern, i).image()));
        }
        pattern.canonical().release();
        return photos;
    }

    private static byte[] jpeg(Mat photo) {
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", photo, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 92));
        photo.release();
        return jpeg.toArray();
    }

    /** Photos {@code from} .. {@code from + count - 1} of dog {@code dog}. */
    List<byte[]> photos(int dog, int from, int count) {
        SyntheticNoseGenerator.DogPattern pattern = generator.dog(dog);
        List<byte[]> photos = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            photos.add(jpeg(generator.photo(pattern, i)));
        }
        return photos;
    }
}
