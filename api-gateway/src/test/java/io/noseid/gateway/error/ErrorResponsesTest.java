package io.noseid.gateway.error;

import io.noseid.gateway.support.Api;
import io.noseid.gateway.support.RefusedRequestsStoreNothing;
import io.noseid.gateway.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Year;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.noseid.gateway.support.Api.ADMIN;
import static io.noseid.gateway.support.Api.CLIENT;
import static io.noseid.gateway.support.Api.as;
import static io.noseid.gateway.support.Api.nosePng;
import static io.noseid.gateway.support.Api.photo;
import static io.noseid.gateway.support.Api.text;
import static io.noseid.gateway.support.ProblemResponses.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every error code of the contract, each from a real bad request; none of them may leave a row behind. */
@QuarkusTest
class ErrorResponsesTest extends RefusedRequestsStoreNothing {

    private static RequestSpecification noses(RequestSpecification spec, int count) {
        for (int i = 0; i < count; i++) {
            spec = spec.multiPart(nosePng(i));
        }
        return spec;
    }

    private static RequestSpecification fields(RequestSpecification spec, Map<String, String> fields) {
        for (Map.Entry<String, String> f : fields.entrySet()) {
            spec = spec.multiPart(text(f.getKey(), f.getValue()));
        }
        return spec;
    }

    private static Map<String, String> valid() {
        return new HashMap<>(Api.validFields(Api.uniquePhone(), "초코"));
    }

    @Test
    void photoCountForRegistration() {
        problem(fields(noses(as(CLIENT), 4), valid()).post("/api/v1/registrations").then(), 400, "PHOTO_COUNT")
                .body("errors.field", hasItem("nose"));
        problem(fields(noses(as(CLIENT), 6), valid()).post("/api/v1/registrations").then(), 400, "PHOTO_COUNT");
        problem(fields(noses(as(CLIENT), 5), valid())
                .multiPart(photo("profile", TestImages.png(20, 20, 1), "p1.png", "image/png"))
                .multiPart(photo("profile", TestImages.png(20, 20, 2), "p2.png", "image/png"))
                .post("/api/v1/registrations").then(), 400, "PHOTO_COUNT")
                .body("errors.field", hasItem("profile"));
    }

    @Test
    void photoCountForIdentification() {
        problem(as(CLIENT).multiPart(text("note", "no photo")).post("/api/v1/identifications").then(), 400,
                "PHOTO_COUNT");
        problem(noses(as(CLIENT), 6).post("/api/v1/identifications").then(), 400, "PHOTO_COUNT");
    }

    @Test
    void unsupportedMediaIsDetectedByContent() {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes();
        problem(fields(noses(as(CLIENT), 4), valid())
                .multiPart(photo("nose", gif, "nose.jpg", "image/jpeg"))
                .post("/api/v1/registrations").then(), 415, "UNSUPPORTED_MEDIA")
                .body("errors.field", hasItem("nose[4]"));
        byte[] textFile = "this is not a picture of a nose".getBytes();
        problem(as(CLIENT).multiPart(photo("nose", textFile, "nose.png", "image/png"))
                .post("/api/v1/identifications").then(), 415, "UNSUPPORTED_MEDIA");
        byte[] png = TestImages.png(30, 30, 7);
        problem(as(CLIENT).multiPart(photo("nose", java.util.Arrays.copyOf(png, 20), "cut.png", "image/png"))
                .post("/api/v1/identifications").then(), 415, "UNSUPPORTED_MEDIA");
    }

    @Test
    void photoTooLargeBySize() {
        byte[] big = new byte[15 * 1024 * 1024 + 1];
        ThreadLocalRandom.current().nextBytes(big);
        System.arraycopy(TestImages.png(10, 10, 1), 0, big, 0, 33);
        problem(as(CLIENT).multiPart(photo("nose", big, "big.png", "image/png"))
                .post("/api/v1/identifications").then(), 413, "PHOTO_TOO_LARGE");
    }

    @Test
    void photoTooLargeByPixelsWithoutDecoding() {
        problem(as(CLIENT).multiPart(photo("nose", TestImages.pngHeader(20000, 20000), "bomb.png", "image/png"))
                .post("/api/v1/identifications").then(), 413, "PHOTO_TOO_LARGE");
        problem(as(CLIENT).multiPart(photo("nose", TestImages.jpegHeader(10000, 5000), "bomb.jpg", "image/jpeg"))
                .post("/api/v1/identifications").then(), 413, "PHOTO_TOO_LARGE");
        problem(as(CLIENT).multiPart(photo("nose", TestImages.webpVp8x(8000, 8000), "bomb.webp", "image/webp"))
                .post("/api/v1/identifications").then(), 413, "PHOTO_TOO_LARGE");
        problem(fields(noses(as(CLIENT), 4), valid())
                .multiPart(photo("nose", TestImages.webpVp8l(16384, 16384), "bomb.webp", "image/webp"))
                .post("/api/v1/registrations").then(), 413, "PHOTO_TOO_LARGE");
    }

    @Test
    void fieldInvalid() {
        int nextYear = Year.now().getValue() + 1;
        Map<String, String[]> cases = new HashMap<>();
        cases.put("ownerName", new String[]{"", "x".repeat(101)});
        cases.put("ownerPhone", new String[]{"", "12345678", "1234567890123456", "010-1234-567a", "010+1234+5678"});
        cases.put("ownerEmail", new String[]{"nope", "a@b", "a b@example.com"});
        cases.put("dogName", new String[]{"", "가".repeat(51)});
        cases.put("dogBreed", new String[]{"b".repeat(101)});
        cases.put("dogBirthYear", new String[]{"1989", String.valueOf(nextYear), "twenty"});
        cases.put("dogSex", new String[]{"CAT"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            for (String bad : c.getValue()) {
                Map<String, String> fields = valid();
                fields.put(c.getKey(), bad);
                problem(fields(noses(as(CLIENT), 5), fields).post("/api/v1/registrations").then(), 400,
                        "FIELD_INVALID").body("errors.field", hasItem(c.getKey()));
            }
        }
        Map<String, String> missing = valid();
        missing.remove("ownerPhone");
        missing.remove("dogName");
        problem(fields(noses(as(CLIENT), 5), missing).post("/api/v1/registrations").then(), 400, "FIELD_INVALID")
                .body("errors.field", hasItem("ownerPhone"))
                .body("errors.field", hasItem("dogName"));
    }

    @Test
    void jobNotFound() {
        problem(as(CLIENT).get("/api/v1/jobs/" + UUID.randomUUID()).then(), 404, "JOB_NOT_FOUND");
        problem(as(CLIENT).get("/api/v1/jobs/not-a-uuid").then(), 404, "JOB_NOT_FOUND");
        problem(as(CLIENT).get("/api/v1/jobs/1-2-3-4-5").then(), 404, "JOB_NOT_FOUND");
    }

    @Test
    void dogNotFound() {
        problem(as(CLIENT).get("/api/v1/dogs/20260101000000X0000").then(), 404, "DOG_NOT_FOUND");
        problem(as(ADMIN).delete("/api/v1/dogs/20260101000000X0000").then(), 404, "DOG_NOT_FOUND");
    }

    @Test
    void unauthorized() {
        problem(given().get("/api/v1/jobs/" + UUID.randomUUID()).then(), 401, "UNAUTHORIZED");
        problem(as("wrong-key").get("/api/v1/jobs/" + UUID.randomUUID()).then(), 401, "UNAUTHORIZED");
        problem(fields(noses(given(), 5), valid()).post("/api/v1/registrations").then(), 401, "UNAUTHORIZED");
        problem(noses(as("wrong-key"), 1).post("/api/v1/identifications").then(), 401, "UNAUTHORIZED");
    }

    @Test
    void forbidden() {
        problem(as(CLIENT).delete("/api/v1/dogs/20260101000000X0000").then(), 403, "FORBIDDEN");
    }

    @Test
    void unknownPathIsAProblemToo() {
        problem(as(CLIENT).get("/api/v1/nothing-here").then(), 404, "NOT_FOUND");
    }
}
