package io.noseid.gateway.error;

import io.noseid.gateway.support.Api;
import io.noseid.gateway.support.RawHttp;
import io.noseid.gateway.support.RefusedRequestsStoreNothing;
import io.noseid.gateway.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static io.noseid.gateway.support.ProblemResponses.problem;
import static io.noseid.gateway.support.Api.CLIENT;
import static io.noseid.gateway.support.Api.as;
import static io.noseid.gateway.support.Api.nosePng;
import static io.noseid.gateway.support.Api.text;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests a hostile or broken client sends (issue 8): each answers a problem with a contract code, never a 500 or
 * an empty body, and stores nothing.
 */
@QuarkusTest
class HostileRequestsTest extends RefusedRequestsStoreNothing {

    private static final String BOUNDARY = "zzz";

    private static RawHttp.Answer raw(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        return RawHttp.send(RestAssured.port, RawHttp.request(method, target, headers, body));
    }

    private static Map<String, String> multipart(String key) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-API-Key", key);
        headers.put("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        return headers;
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.headers().toString());
        JsonPath body = new JsonPath(answer.body());
        assertEquals(code, body.getString("code"), answer.body());
        assertEquals(status, body.getInt("status"));
    }

    @Test
    void emptyOrUnterminatedMultipartIsMalformed() throws IOException {
        assertProblem(raw("POST", "/api/v1/identifications", multipart(CLIENT), new byte[0]), 400,
                "MALFORMED_REQUEST");
        byte[] unterminated = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"nose\"; "
                + "filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(unterminated);
        body.writeBytes(TestImages.png(40, 30, 1));
        assertProblem(raw("POST", "/api/v1/identifications", multipart(CLIENT), body.toByteArray()), 400,
                "MALFORMED_REQUEST");
        assertProblem(raw("POST", "/api/v1/registrations", multipart(CLIENT),
                "garbage that is no multipart at all".getBytes(StandardCharsets.US_ASCII)), 400, "MALFORMED_REQUEST");
    }

    @Test
    void aNosePartWithoutFileNameIsMalformed() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"nose\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(TestImages.png(40, 30, 1));
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertProblem(raw("POST", "/api/v1/identifications", multipart(CLIENT), body.toByteArray()), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void anEmptyOrUnterminatedBoundaryIsMalformed() throws IOException {
        for (String contentType : new String[]{"multipart/form-data; boundary=", "multipart/form-data; boundary=\"zzz",
                "multipart/form-data", "multipart/form-data; boundary=zzz; boundary=yyy"}) {
            Map<String, String> headers = multipart(CLIENT);
            headers.put("Content-Type", contentType);
            assertProblem(raw("POST", "/api/v1/identifications", headers, "--zzz\r\n".getBytes(StandardCharsets.US_ASCII)),
                    400, "MALFORMED_REQUEST");
        }
    }

    @Test
    void aPartWhoseContentTypeIsNoMediaTypeIsMalformed() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"dogName\"\r\n"
                + "Content-Type: c(c\u00e9p\u00ff\r\n\r\nMax\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertProblem(raw("POST", "/api/v1/identifications", multipart(CLIENT), body.toByteArray()), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void aFieldSentTwiceIsRefusedNamingIt() {
        RequestSpecification spec = as(CLIENT);
        for (int i = 0; i < 5; i++) {
            spec = spec.multiPart(nosePng(i));
        }
        for (Map.Entry<String, String> f : Api.validFields(Api.uniquePhone(), "초코").entrySet()) {
            spec = spec.multiPart(text(f.getKey(), f.getValue()));
        }
        spec = spec.multiPart(text("dogSex", "CAT"));
        problem(spec.post("/api/v1/registrations").then(), 400, "FIELD_INVALID")
                .body("errors.field", hasItem("dogSex"));
    }

    @Test
    void bidirectionalOverridesAreRefused() {
        Map<String, String> fields = new HashMap<>(Api.validFields(Api.uniquePhone(), "초코"));
        fields.put("dogName", "Max\u202Exam");
        RequestSpecification spec = as(CLIENT);
        for (int i = 0; i < 5; i++) {
            spec = spec.multiPart(nosePng(i));
        }
        for (Map.Entry<String, String> f : fields.entrySet()) {
            spec = spec.multiPart(text(f.getKey(), f.getValue()));
        }
        problem(spec.post("/api/v1/registrations").then(), 400, "FIELD_INVALID")
                .body("errors.field", hasItem("dogName"));
    }

    @Test
    void aVeryLongPathIsAProblemNotAnEmpty414() throws IOException {
        assertProblem(raw("GET", "/api/v1/jobs/" + "a".repeat(5000), Map.of("X-API-Key", CLIENT), new byte[0]),
                414, "URI_TOO_LONG");
    }

    @Test
    void anOversizedChunkedUploadIsAProblemNotAnEmpty413() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/identifications HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + CLIENT
                    + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[1 << 20];
            String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"nose\"; filename=\"big.png\""
                    + "\r\nContent-Type: image/png\r\n\r\n";
            System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, chunk, 0, head.length());
            try {
                for (int i = 0; i < 120; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the gateway stopped reading and closed: its answer is already on the wire
            }
            RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
            assertProblem(answer, 413, "PHOTO_TOO_LARGE");
        }
    }

    @Test
    void unmatchedRequestsNeverBecomeMetricLabels() throws IOException {
        String number = "20261129160531XY5678";
        raw("PATCH", "/api/v1/dogs/" + number, Map.of(), new byte[0]);
        raw("PATCH", "/api/v1/dogs/" + number + "-2", Map.of("X-API-Key", CLIENT), new byte[0]);
        assertProblem(raw("PATCH", "/api/v1/dogs/" + number, Map.of("X-API-Key", CLIENT), new byte[0]), 405,
                "METHOD_NOT_ALLOWED");
        assertProblem(raw("PATCH", "/api/v1/dogs/" + number, Map.of(), new byte[0]), 401, "UNAUTHORIZED");
        assertProblem(raw("GET", "/api/v1/nothing-here/" + number, Map.of("X-API-Key", CLIENT), new byte[0]), 404,
                "NOT_FOUND");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains("5678"), "a raw path became a metric label");
        assertTrue(metrics.contains("uri=\"UNMATCHED\""), "unmatched requests share one label");
    }
}
