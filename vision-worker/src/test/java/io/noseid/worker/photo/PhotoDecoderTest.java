package io.noseid.worker.photo;

import io.noseid.worker.vision.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotoDecoderTest {

    private final PhotoDecoder decoder = new PhotoDecoder();

    @BeforeAll
    static void opencv() {
        OpenCv.ensureLoaded();
    }

    /** 80 wide, 40 high: left half red, right half blue (BGR). */
    private static Mat leftRedRightBlue() {
        Mat image = new Mat(40, 80, CvType.CV_8UC3, new Scalar(255, 0, 0));
        image.submat(new Rect(0, 0, 40, 40)).setTo(new Scalar(0, 0, 255));
        return image;
    }

    private static byte[] encode(Mat image, String extension) {
        MatOfByte out = new MatOfByte();
        assertTrue(Imgcodecs.imencode(extension, image, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 95)),
                "OpenCV cannot encode " + extension);
        return out.toArray();
    }

    /** Inserts an APP1 EXIF segment holding only the Orientation tag right after the JPEG's SOI marker. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] exif = {
            (byte) 0xFF, (byte) 0xE1, 0, 34,
            'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8,          // big-endian TIFF header, IFD0 at offset 8
            0, 1,                                  // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,  // Orientation, SHORT, count 1
            0, 0, 0, 0                             // no next IFD
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(exif, 0, exif.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static double[] pixel(Mat image, int row, int col) {
        return image.get(row, col);
    }

    private static boolean isRed(double[] bgr) {
        return bgr[2] > 200 && bgr[0] < 60;
    }

    private static boolean isBlue(double[] bgr) {
        return bgr[0] > 200 && bgr[2] < 60;
    }

    @Test
    void jpegWithoutExifKeepsItsLayout() {
        Mat decoded = decoder.decode(encode(leftRedRightBlue(), ".jpg"));
        assertEquals(80, decoded.cols());
        assertEquals(40, decoded.rows());
        assertEquals(CvType.CV_8UC3, decoded.type());
        assertTrue(isRed(pixel(decoded, 20, 10)));
        assertTrue(isBlue(pixel(decoded, 20, 70)));
    }

    @Test
    void jpegExifOrientation6IsRotatedClockwise() {
        Mat decoded = decoder.decode(withExifOrientation(encode(leftRedRightBlue(), ".jpg"), 6));
        // Orientation 6: the stored image must be turned 90 degrees clockwise, so the left half ends up on top.
        assertEquals(40, decoded.cols());
        assertEquals(80, decoded.rows());
        assertTrue(isRed(pixel(decoded, 10, 20)), "top should be red after rotation");
        assertTrue(isBlue(pixel(decoded, 70, 20)), "bottom should be blue after rotation");
    }

    @Test
    void jpegExifOrientation8IsRotatedCounterClockwise() {
        Mat decoded = decoder.decode(withExifOrientation(encode(leftRedRightBlue(), ".jpg"), 8));
        assertEquals(40, decoded.cols());
        assertEquals(80, decoded.rows());
        assertTrue(isBlue(pixel(decoded, 10, 20)), "top should be blue after rotation");
        assertTrue(isRed(pixel(decoded, 70, 20)), "bottom should be red after rotation");
    }

    @Test
    void pngAndWebpDecodeToBgr() {
        Mat source = leftRedRightBlue();
        for (String extension : new String[] {".png", ".webp"}) {
            Mat decoded = decoder.decode(encode(source, extension));
            assertEquals(80, decoded.cols(), extension);
            assertEquals(40, decoded.rows(), extension);
            assertTrue(isRed(pixel(decoded, 20, 10)), extension);
            assertTrue(isBlue(pixel(decoded, 20, 70)), extension);
        }
        assertArrayEquals(new double[] {0, 0, 255}, pixel(decoder.decode(encode(source, ".png")), 5, 5));
    }

    @Test
    void undecodableBytesGiveAClearError() {
        PhotoDecodingException e = assertThrows(PhotoDecodingException.class,
                () -> decoder.decode("this is not a photo".getBytes()));
        assertTrue(e.getMessage().contains("JPEG, PNG or WebP"), e.getMessage());
        assertThrows(PhotoDecodingException.class, () -> decoder.decode(new byte[0]));
        assertThrows(PhotoDecodingException.class, () -> decoder.decode(null));
    }
}
