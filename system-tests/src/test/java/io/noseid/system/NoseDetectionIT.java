package io.noseid.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the nose detector on (the default configuration): phone close-ups of a dog's nose register it and identify
 * it; photos without a nose are not used: the job ends REJECTED and every photo says why, in words for the owner,
 * so that the app can ask for a retake. Nothing is registered then.
 */
class NoseDetectionIT {

    /** Rendered close-ups of a seed that neither the detector's training (7100, 7200) nor its test set (7300) used. */
    static final long CLOSE_UP_SEED = 7400;
    /**
     * Dog 2 of that seed: its sixth close-up shares a capture with its fifth (generator v2's capture model), so the
     * matcher can match it. A rendered close-up from another day's capture is matchable only about half the time
     * (./noseid eval quality: the renderer is harsher than real close-ups, issue 11's calibration), and the detector
     * misses a few owner-framed close-ups (dog 1's sixth, cut off at the top above a tongue): this test is about the
     * path with the detector on, not about those rates, which the evaluation commands measure.
     */
    static final int CLOSE_UP_DOG = 2;

    @Test
    void fiveRenderedCloseUpsRegisterADogAndASixthIdentifiesIt() throws Exception {
        List<byte[]> closeUps = new SyntheticNoses(CLOSE_UP_SEED).closeUps(CLOSE_UP_DOG, 0, 6);
        try (NoseIdStack stack = NoseIdStack.start(1, Map.of())) {
            NoseIdClient client = new NoseIdClient(stack.baseUrl(), NoseIdStack.CLIENT_KEY);
            JsonPath registration = client.awaitSucceeded(client.register(closeUps.subList(0, 5),
                    new NoseIdClient.Owner("Han Nari", "010-2468-1357"), "Dubu"));
            assertEquals("REGISTERED", registration.getString("result.outcome"), registration::prettify);
            for (Map<String, Object> photo : registration.<Map<String, Object>>getList("result.photos")) {
                assertEquals(true, photo.get("accepted"), photo.toString());
                assertTrue(photo.get("noseBox") instanceof List<?> box && box.size() == 4, "the detector's box: " + photo);
            }
            JsonPath identification = client.awaitSucceeded(client.identify(closeUps.subList(5, 6)));
            assertEquals("MATCH", identification.getString("result.outcome"), identification::prettify);
            assertEquals(registration.getString("result.registrationNumber"),
                    identification.getString("result.registrationNumber"));
        }
    }

    @Test
    void photosWithoutADogsNoseAreRejectedWithAReasonPerPhoto() throws Exception {
        try (NoseIdStack stack = NoseIdStack.start(1, Map.of())) {
            NoseIdClient client = new NoseIdClient(stack.baseUrl(), NoseIdStack.CLIENT_KEY);
            // A phone pointed at a plain wall: smooth shading, no nose anywhere.
            List<byte[]> photos = java.util.stream.IntStream.range(0, 5).mapToObj(NoseDetectionIT::wall).toList();

            JsonPath registration = client.awaitSucceeded(
                    client.register(photos, new NoseIdClient.Owner("Seo Jin", "010-6060-7070"), "Retake"));
            assertEquals("REJECTED", registration.getString("result.outcome"), registration::prettify);
            List<Map<String, Object>> assessed = registration.getList("result.photos");
            assertEquals(5, assessed.size());
            for (Map<String, Object> photo : assessed) {
                assertEquals(false, photo.get("accepted"));
                assertTrue(photo.get("reason").toString().contains("nose"), photo.toString());
            }
            assertFalse(registration.getMap("result").containsKey("registrationNumber")
                    && registration.getString("result.registrationNumber") != null);

            JsonPath identification = client.awaitSucceeded(client.identify(photos.subList(0, 1)));
            assertEquals("REJECTED", identification.getString("result.outcome"), identification::prettify);
        }
    }

    private static byte[] wall(int shade) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(640, 480,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(200 - 20 * shade, 190, 170),
                640, 480, new java.awt.Color(120, 110 + 10 * shade, 100)));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        try {
            java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "jpg", jpeg);
            return jpeg.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
