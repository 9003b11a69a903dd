package io.noseid.gateway.photo;

import io.noseid.gateway.support.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageInspectorTest {

    @Test
    void readsJpegAndPngSizesFromRealImages() {
        assertEquals(new ImageHeader(ImageFormat.JPEG, 123, 45),
                ImageInspector.inspect(TestImages.jpeg(123, 45, 1)).orElseThrow());
        assertEquals(new ImageHeader(ImageFormat.PNG, 67, 89),
                ImageInspector.inspect(TestImages.png(67, 89, 2)).orElseThrow());
    }

    @Test
    void readsAllThreeWebpHeaders() {
        assertEquals(new ImageHeader(ImageFormat.WEBP, 640, 480),
                ImageInspector.inspect(TestImages.webpVp8(640, 480)).orElseThrow());
        assertEquals(new ImageHeader(ImageFormat.WEBP, 1000, 16384),
                ImageInspector.inspect(TestImages.webpVp8l(1000, 16384)).orElseThrow());
        assertEquals(new ImageHeader(ImageFormat.WEBP, 16_000_000, 3),
                ImageInspector.inspect(TestImages.webpVp8x(16_000_000, 3)).orElseThrow());
    }

    @Test
    void readsClaimedSizeOfBombsWithoutDecoding() {
        ImageHeader png = ImageInspector.inspect(TestImages.pngHeader(20000, 20000)).orElseThrow();
        assertEquals(400_000_000L, png.pixels());
        ImageHeader jpeg = ImageInspector.inspect(TestImages.jpegHeader(65000, 65000)).orElseThrow();
        assertEquals(65000, jpeg.width());
    }

    @Test
    void refusesOtherFormatsAndTruncatedHeaders() {
        assertTrue(ImageInspector.inspect("GIF89a....".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        assertTrue(ImageInspector.inspect("hello world, not an image".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        assertTrue(ImageInspector.inspect(new byte[0]).isEmpty());
        byte[] png = TestImages.png(10, 10, 3);
        assertTrue(ImageInspector.inspect(Arrays.copyOf(png, 12)).isEmpty());
        byte[] webp = TestImages.webpVp8(10, 10);
        webp[23] = 0; // broken start code
        assertTrue(ImageInspector.inspect(webp).isEmpty());
        assertTrue(ImageInspector.inspect(TestImages.pngHeader(0, 10)).isEmpty());
    }

    @Test
    void detectsByContentNotByName() {
        assertEquals(ImageFormat.PNG, ImageInspector.detect(TestImages.png(5, 5, 4)).orElseThrow());
        assertEquals(ImageFormat.JPEG, ImageInspector.detect(TestImages.jpeg(5, 5, 4)).orElseThrow());
        assertEquals(ImageFormat.WEBP, ImageInspector.detect(TestImages.webpVp8x(5, 5)).orElseThrow());
    }
}
