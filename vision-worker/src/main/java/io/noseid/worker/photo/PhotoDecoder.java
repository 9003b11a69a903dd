package io.noseid.worker.photo;

import io.noseid.worker.vision.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decodes JPEG/PNG/WebP bytes into a BGR 8-bit Mat. OpenCV's imdecode applies the EXIF orientation of JPEGs
 * when read with IMREAD_COLOR (proved by PhotoDecoderTest with a generated EXIF-rotated JPEG), so a phone photo
 * taken upright arrives upright whatever the sensor orientation was. A file that would not decode completely (cut
 * short, a chunk that fails its checksum) is refused before decoding.
 */
public final class PhotoDecoder {

    public PhotoDecoder() {
        OpenCv.ensureLoaded();
    }

    public Mat decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new PhotoDecodingException("The photo is empty (0 bytes)");
        }
        // OpenCV decodes a truncated file without complaint, filling the missing part with grey: refuse it first
        EncodedImageCheck.incompleteness(bytes).ifPresent(problem -> {
            throw new PhotoDecodingException("The photo is incomplete: " + problem);
        });
        MatOfByte buffer = new MatOfByte(bytes);
        try {
            Mat image = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_COLOR);
            if (image.empty()) {
                image.release();
                throw new PhotoDecodingException("The photo could not be decoded (" + bytes.length
                        + " bytes): expected a JPEG, PNG or WebP image");
            }
            return image;
        } finally {
            buffer.release();
        }
    }
}
