package io.noseid.gateway.support;

import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.specification.MultiPartSpecification;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Request builders for the gateway's API in tests. */
public final class Api {

    public static final String ADMIN = "dev-admin-key";
    public static final String CLIENT = "dev-client-key";

    private Api() {
    }

    public static RequestSpecification as(String key) {
        return given().header("X-API-Key", key);
    }

    public static MultiPartSpecification text(String name, String value) {
        return new MultiPartSpecBuilder(value).controlName(name).mimeType("text/plain")
                .charset(StandardCharsets.UTF_8).build();
    }

    public static MultiPartSpecification photo(String name, byte[] data, String fileName, String mimeType) {
        return new MultiPartSpecBuilder(data).controlName(name).fileName(fileName).mimeType(mimeType).build();
    }

    public static MultiPartSpecification nosePng(int seed) {
        return photo("nose", TestImages.png(40 + seed, 30 + seed, seed), "nose" + seed + ".png", "image/png");
    }

    public static MultiPartSpecification noseJpeg(int seed) {
        return photo("nose", TestImages.jpeg(40 + seed, 30 + seed, seed), "nose" + seed + ".jpg", "image/jpeg");
    }

    /** A phone number no other run used: tests run twice on the same servers. */
    public static String uniquePhone() {
        long n = ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        return "010-" + (n / 10_000) + "-" + String.format("%04d", n % 10_000);
    }

    /** A registration request with five nose photos and the given fields. */
    public static RequestSpecification registration(String key, Map<String, String> fields) {
        RequestSpecification spec = as(key);
        for (int i = 0; i < 5; i++) {
            spec = spec.multiPart(i % 2 == 0 ? nosePng(i) : noseJpeg(i));
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            spec = spec.multiPart(text(field.getKey(), field.getValue()));
        }
        return spec;
    }

    public static Map<String, String> validFields(String phone, String dogName) {
        return Map.of("ownerName", "홍길동", "ownerPhone", phone, "ownerEmail", "owner@example.com",
                "dogName", dogName, "dogBreed", "진돗개", "dogBirthYear", "2020", "dogSex", "FEMALE");
    }
}
