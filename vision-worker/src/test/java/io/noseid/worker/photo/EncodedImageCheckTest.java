package io.noseid.worker.photo;

import io.noseid.worker.vision.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8, defect 5: a JPEG cut at 30 % decoded without complaint and was enrolled. */
class EncodedImageCheckTest {

    @BeforeAll
    static void opencv() {
        OpenCv.ensureLoaded();
    }

    private static Mat noisy() {
        Mat image = new Mat(120, 160, CvType.CV_8UC3);
        Core.randu(image, 0, 255);
        return image;
    }

    private static byte[] encode(String extension, int... params) {
        MatOfByte out = new MatOfByte();
        assertTrue(Imgcodecs.imencode(extension, noisy(), out, new MatOfInt(params)));
        return out.toArray();
    }

    private static byte[] cut(byte[] data, double share) {
        return Arrays.copyOf(data, (int) (data.length * share));
    }

    @Test
    void completeFilesPass() {
        assertEquals("", EncodedImageCheck.incompleteness(encode(".jpg")).orElse(""));
        assertEquals("", EncodedImageCheck.incompleteness(
                encode(".jpg", Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1)).orElse(""));
        assertEquals("", EncodedImageCheck.incompleteness(encode(".png")).orElse(""));
        assertEquals("", EncodedImageCheck.incompleteness(encode(".webp")).orElse(""));
    }

    @Test
    void trailingBytesAfterTheEndMarkerAreFine() {
        byte[] jpeg = encode(".jpg");
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 100);
        assertFalse(EncodedImageCheck.incompleteness(padded).isPresent());
    }

    @Test
    void truncatedFilesAreFound() {
        for (byte[] file : new byte[][]{encode(".jpg"), encode(".jpg", Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1),
                encode(".png"), encode(".webp")}) {
            for (double share : new double[]{0.05, 0.3, 0.7, 0.99}) {
                assertTrue(EncodedImageCheck.incompleteness(cut(file, share)).isPresent(),
                        "cut at " + share + " of " + file.length + " bytes");
            }
            assertTrue(EncodedImageCheck.incompleteness(Arrays.copyOf(file, file.length - 1)).isPresent());
        }
    }

    @Test
    void aCorruptedPngChunkFailsItsChecksum() {
        byte[] png = encode(".png");
        png[png.length / 2] ^= 0x55;
        assertTrue(EncodedImageCheck.incompleteness(png).orElse("").contains("checksum"));
    }

    @Test
    void theDecoderRefusesATruncatedJpegThatOpenCvWouldDecode() {
        byte[] truncated = cut(encode(".jpg"), 0.3);
        Mat greyFilled = Imgcodecs.imdecode(new MatOfByte(truncated), Imgcodecs.IMREAD_COLOR);
        assertFalse(greyFilled.empty(), "OpenCV alone decodes it: the reason for the check");
        assertThrows(PhotoDecodingException.class, () -> new PhotoDecoder().decode(truncated));
    }
}
