package io.noseid.system;

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

    private final SyntheticNoseGenerator generator;

    SyntheticNoses(long seed) {
        OpenCv.ensureLoaded();
        this.generator = new SyntheticNoseGenerator(seed);
    }

    /** Photos {@code from} .. {@code from + count - 1} of dog {@code dog}. */
    List<byte[]> photos(int dog, int from, int count) {
        SyntheticNoseGenerator.DogPattern pattern = generator.dog(dog);
        List<byte[]> photos = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            Mat photo = generator.photo(pattern, i);
            MatOfByte jpeg = new MatOfByte();
            Imgcodecs.imencode(".jpg", photo, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 92));
            photos.add(jpeg.toArray());
            photo.release();
        }
        return photos;
    }
}
