package io.noseid.gateway.openapi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /q/openapi must agree with the public contract. The expected names are kept here, and when the contract file is
 * present (../shared/api-contract.md next to the repository) they are also parsed from it, so a change of the
 * contract that the code does not follow fails here.
 */
@QuarkusTest
class OpenApiContractTest {

    static final Set<String> PATHS = Set.of("/api/v1/registrations", "/api/v1/identifications",
            "/api/v1/jobs/{jobId}", "/api/v1/dogs/{registrationNumber}");
    static final Set<String> REGISTRATION_PARTS = Set.of("nose", "profile", "ownerName", "ownerPhone", "ownerEmail",
            "dogName", "dogBreed", "dogBirthYear", "dogSex");
    static final Set<String> ACCEPTED_FIELDS = Set.of("jobId", "type", "status", "statusUrl");
    static final Set<String> JOB_FIELDS = Set.of("jobId", "type", "status", "progress", "createdAt", "updatedAt",
            "result", "error");
    static final Set<String> RESULT_FIELDS = Set.of("outcome", "registrationNumber", "score", "dog", "candidates",
            "photos");
    static final Set<String> PHOTO_FIELDS = Set.of("index", "accepted", "reason", "reasonCode", "noseBox",
            "noseConfidence");
    static final Set<String> REASON_CODES = Set.of("NO_NOSE", "NOSE_TOO_SMALL", "BLURRED", "TOO_DARK", "UNREADABLE");
    static final Set<String> DOG_FIELDS = Set.of("name", "breed", "birthYear", "sex", "owner");
    static final Set<String> OWNER_FIELDS = Set.of("name", "phone");
    static final Set<String> CANDIDATE_FIELDS = Set.of("registrationNumber", "score");
    static final Set<String> ERROR_FIELDS = Set.of("code", "detail");
    static final Set<String> PROBLEM_FIELDS = Set.of("type", "title", "status", "detail", "code", "errors");
    static final Set<String> FIELD_ERROR_FIELDS = Set.of("field", "message");
    static final Set<String> JOB_TYPES = Set.of("REGISTRATION", "IDENTIFICATION", "ADAPTATION");
    static final Set<String> JOB_STATUSES = Set.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED");
    static final Set<String> OUTCOMES = Set.of("REGISTERED", "ALREADY_REGISTERED", "REJECTED", "MATCH", "NO_MATCH");
    static final Set<String> SEXES = Set.of("MALE", "FEMALE", "UNKNOWN");
    static final Set<String> ERROR_CODES = Set.of("PHOTO_COUNT", "UNSUPPORTED_MEDIA", "PHOTO_TOO_LARGE",
            "FIELD_INVALID", "JOB_NOT_FOUND", "DOG_NOT_FOUND", "UNAUTHORIZED", "FORBIDDEN", "RATE_LIMITED",
            "SERVICE_UNAVAILABLE", "MALFORMED_REQUEST", "NOT_FOUND", "METHOD_NOT_ALLOWED", "URI_TOO_LONG");

    /** The contract's "Matcher adaptation (admin)" section: its calls, codes, and the adaptation's result. */
    static final String ADAPTATION_SECTION = "Matcher adaptation (admin)";
    static final Set<String> ADMIN_CALLS = Set.of("POST /api/v1/admin/matcher/adaptations",
            "GET /api/v1/admin/matcher");
    static final Set<String> ADAPTATION_ERROR_CODES = Set.of("ADAPTATION_RUNNING");
    static final Set<String> ADAPTATION_RESULT_FIELDS = Set.of("outcome", "matcherVersion", "dogs", "photos",
            "threshold", "estimatedFar");
    static final Set<String> ADAPTATION_OUTCOMES = Set.of("ADAPTED");
    static final Set<String> MATCHER_FIELDS = Set.of("matcherVersion", "adaptedAt", "dogs", "targetFar",
            "estimatedFar");

    private static final Path CONTRACT = Path.of("../../shared/api-contract.md");

    @Test
    void expectedListsMatchTheContractWhenItIsPresent() throws IOException {
        Path contract = locateContract();
        if (contract == null) {
            System.out.println("api-contract.md not found next to the repository: checking the built-in lists only");
            return;
        }
        String text = Files.readString(contract, StandardCharsets.UTF_8);
        assertTrue(text.contains("## " + ADAPTATION_SECTION), "the adaptation section moved: update this test");
        String adaptation = section(text, ADAPTATION_SECTION);
        Matcher status = Pattern.compile("`GET /api/v1/admin/matcher` \\(`admin` only\\): `\\{([^}]*)\\}`")
                .matcher(adaptation);
        assertTrue(status.find(), "the matcher status sentence changed: update this test");
        assertEquals(new TreeSet<>(MATCHER_FIELDS), new TreeSet<>(List.of(status.group(1).replace("\"", "")
                .split(",\\s*"))), "fields of GET /api/v1/admin/matcher");
        Set<String> calls = new TreeSet<>();
        Matcher call = Pattern.compile("`(GET|POST|DELETE) (/api/v1/[^`\\s]+)`").matcher(adaptation);
        while (call.find()) {
            calls.add(call.group(1) + " " + call.group(2));
        }
        assertEquals(new TreeSet<>(ADMIN_CALLS), calls, "the adaptation section's calls");
        Set<String> adaptationCodes = new TreeSet<>();
        Matcher adaptationCode = Pattern.compile("`([A-Z][A-Z_]+)`").matcher(adaptation);
        while (adaptationCode.find()) {
            adaptationCodes.add(adaptationCode.group(1));
        }
        assertEquals(new TreeSet<>(ADAPTATION_ERROR_CODES), adaptationCodes, "the adaptation section's codes");
        assertTrue(Pattern.compile("answers\\s+`409` with code\\s+`ADAPTATION_RUNNING`").matcher(adaptation).find(),
                "a second adaptation answers 409 ADAPTATION_RUNNING");
        Matcher result = Pattern.compile("\\{ \"outcome\": \"ADAPTED\"[^}]*}").matcher(adaptation);
        assertTrue(result.find(), "the adaptation's result example moved: update this test");
        Set<String> resultFields = new TreeSet<>();
        Matcher member = Pattern.compile("\"(\\w+)\"\\s*:").matcher(result.group());
        while (member.find()) {
            resultFields.add(member.group(1));
        }
        assertEquals(new TreeSet<>(ADAPTATION_RESULT_FIELDS), resultFields, "fields of an adaptation's result");

        Set<String> paths = new TreeSet<>();
        Matcher m = Pattern.compile("^## (GET|POST|DELETE) (/api/v1/\\S+)", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            paths.add(m.group(2));
        }
        assertEquals(new TreeSet<>(PATHS), paths);

        Set<String> parts = new TreeSet<>();
        Matcher row = Pattern.compile("^\\| `(\\w+)` \\|", Pattern.MULTILINE).matcher(section(text, "POST /api/v1/registrations"));
        while (row.find()) {
            parts.add(row.group(1));
        }
        assertEquals(new TreeSet<>(REGISTRATION_PARTS), parts);

        Set<String> jsonNames = new TreeSet<>();
        Matcher names = Pattern.compile("\"(\\w+)\"\\s*[:,}]").matcher(text);
        while (names.find()) {
            jsonNames.add(names.group(1));
        }
        Set<String> expectedNames = new TreeSet<>();
        for (Set<String> s : List.of(ACCEPTED_FIELDS, JOB_FIELDS, RESULT_FIELDS, PHOTO_FIELDS, DOG_FIELDS,
                OWNER_FIELDS, CANDIDATE_FIELDS, ERROR_FIELDS, PROBLEM_FIELDS, FIELD_ERROR_FIELDS,
                ADAPTATION_RESULT_FIELDS, MATCHER_FIELDS)) {
            expectedNames.addAll(s);
        }
        Set<String> enumValues = new TreeSet<>();
        Matcher upper = Pattern.compile("\"([A-Z][A-Z_]+)\"").matcher(text);
        while (upper.find()) {
            enumValues.add(upper.group(1));
        }
        jsonNames.removeAll(enumValues);
        // the contract names this photo member in its prose, not in its JSON example
        assertTrue(text.contains("`photos` also carries `reasonCode`"));
        jsonNames.add("reasonCode");
        assertEquals(expectedNames, jsonNames, "field names of the contract's JSON");
        Set<String> expectedEnums = new TreeSet<>();
        expectedEnums.addAll(JOB_TYPES);
        expectedEnums.addAll(JOB_STATUSES);
        expectedEnums.addAll(OUTCOMES);
        expectedEnums.addAll(ADAPTATION_OUTCOMES);
        assertEquals(expectedEnums, enumValues, "enum values of the contract's JSON");

        Set<String> codes = new TreeSet<>();
        Matcher code = Pattern.compile("`([A-Z][A-Z_]+)`").matcher(section(text, "Errors"));
        while (code.find()) {
            codes.add(code.group(1));
        }
        assertEquals(new TreeSet<>(ERROR_CODES), codes);
        assertTrue(text.contains("`MALE`, `FEMALE`, `UNKNOWN`"));
        for (String reasonCode : REASON_CODES) {
            assertTrue(text.contains("`" + reasonCode + "`"), reasonCode);
        }
    }

    @Test
    void openApiDocumentAgreesWithTheContract() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertTrue(paths.keySet().containsAll(PATHS), "paths " + paths.keySet());
        assertNotNull(doc.get("paths.'/api/v1/registrations'.post"));
        assertNotNull(doc.get("paths.'/api/v1/identifications'.post"));
        assertNotNull(doc.get("paths.'/api/v1/jobs/{jobId}'.get"));
        assertNotNull(doc.get("paths.'/api/v1/dogs/{registrationNumber}'.get"));
        assertNotNull(doc.get("paths.'/api/v1/dogs/{registrationNumber}'.delete"));
        assertNotNull(doc.get("paths.'/api/v1/dogs/{registrationNumber}'.delete.responses.'204'"));
        assertNotNull(doc.get("paths.'/api/v1/registrations'.post.responses.'202'"));
        assertNotNull(doc.get("paths.'/api/v1/admin/matcher'.get"));
        assertEquals(MATCHER_FIELDS, properties(named(doc, "MatcherView")));
        String adaptations = "paths.'/api/v1/admin/matcher/adaptations'.post";
        assertNotNull(doc.get(adaptations), "paths " + paths.keySet());
        assertNull(doc.get(adaptations + ".requestBody"), "an adaptation is started without a body");
        assertEquals(Set.of("202", "403", "409", "503"), doc.getMap(adaptations + ".responses").keySet());
        assertEquals("JobAccepted", refName(doc.getMap(adaptations
                + ".responses.'202'.content.'application/json'.schema")));
        assertNotNull(doc.get(adaptations + ".responses.'202'.headers.Location"));
        assertTrue(doc.getString(adaptations + ".responses.'409'.description").contains("ADAPTATION_RUNNING"));
        assertEquals("Problem", refName(doc.getMap(adaptations
                + ".responses.'409'.content.'application/problem+json'.schema")));

        Map<String, Object> registration = schema(doc,
                doc.getMap("paths.'/api/v1/registrations'.post.requestBody.content.'multipart/form-data'.schema"));
        assertEquals(REGISTRATION_PARTS, properties(registration));
        assertEquals(SEXES, enumOf(doc, property(registration, "dogSex")));
        Map<String, Object> identification = schema(doc,
                doc.getMap("paths.'/api/v1/identifications'.post.requestBody.content.'multipart/form-data'.schema"));
        assertEquals(Set.of("nose"), properties(identification));

        assertEquals(ACCEPTED_FIELDS, properties(named(doc, "JobAccepted")));
        Map<String, Object> job = named(doc, "JobView");
        assertEquals(JOB_FIELDS, properties(job));
        assertEquals(JOB_TYPES, enumOf(doc, property(job, "type")));
        assertEquals(JOB_STATUSES, enumOf(doc, property(job, "status")));
        assertEquals(Set.of("JobResultView", "AdaptationResultView"), alternatives(doc, property(job, "result")),
                "a job's result is a registration's or identification's, or an adaptation's");
        Map<String, Object> result = named(doc, "JobResultView");
        assertEquals(RESULT_FIELDS, properties(result));
        assertEquals(OUTCOMES, enumOf(doc, property(result, "outcome")));
        Map<String, Object> adapted = named(doc, "AdaptationResultView");
        assertEquals(ADAPTATION_RESULT_FIELDS, properties(adapted));
        assertEquals(ADAPTATION_OUTCOMES, enumOf(doc, property(adapted, "outcome")));
        Map<String, Object> photo = named(doc, "PhotoView");
        assertEquals(PHOTO_FIELDS, properties(photo));
        assertEquals(REASON_CODES, enumOf(doc, property(photo, "reasonCode")));
        assertEquals(CANDIDATE_FIELDS, properties(named(doc, "CandidateView")));
        Map<String, Object> dog = named(doc, "MatchedDogView");
        assertEquals(DOG_FIELDS, properties(dog));
        assertEquals(SEXES, enumOf(doc, property(dog, "sex")));
        assertEquals(OWNER_FIELDS, properties(named(doc, "OwnerContactView")));
        assertEquals(ERROR_FIELDS, properties(named(doc, "JobErrorView")));
        Map<String, Object> problem = named(doc, "Problem");
        assertEquals(PROBLEM_FIELDS, properties(problem));
        assertTrue(enumOf(doc, property(problem, "code")).containsAll(ERROR_CODES));
        assertTrue(enumOf(doc, property(problem, "code")).containsAll(ADAPTATION_ERROR_CODES));
        assertEquals(FIELD_ERROR_FIELDS, properties(named(doc, "FieldError")));

        Map<String, Object> dogView = named(doc, "DogView");
        assertTrue(properties(dogView).containsAll(Set.of("registrationNumber", "name", "breed", "birthYear",
                "sex", "owner")));
        assertEquals(Set.of("name", "phone", "email"), properties(named(doc, "OwnerView")));
    }

    @Test
    void operationsEndpointsNeedNoKey() {
        given().get("/q/health/live").then().statusCode(200);
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        List<String> checks = ready.getList("checks.name");
        assertTrue(checks.stream().anyMatch(n -> n.contains("Database")), checks.toString());
        assertTrue(checks.stream().anyMatch(n -> n.contains("Redis")), checks.toString());
        assertTrue(checks.stream().anyMatch(n -> n.contains("Messaging")), checks.toString());
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static Path locateContract() {
        for (Path candidate : List.of(CONTRACT, Path.of("../shared/api-contract.md"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String section(String text, String heading) {
        int start = text.indexOf("## " + heading);
        int end = text.indexOf("\n## ", start + 3);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(JsonPath doc, Map<String, Object> schemaOrRef) {
        Object ref = schemaOrRef.get("$ref");
        if (ref != null) {
            String name = ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
            return named(doc, name);
        }
        return schemaOrRef;
    }

    private static Map<String, Object> named(JsonPath doc, String name) {
        Map<String, Object> schema = doc.getMap("components.schemas." + name);
        assertNotNull(schema, "schema " + name);
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> properties(Map<String, Object> schema) {
        return ((Map<String, Object>) schema.get("properties")).keySet();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(Map<String, Object> schema, String name) {
        return (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get(name);
    }

    private static String refName(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        assertNotNull(ref, "a reference to a named schema: " + schema);
        return ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
    }

    /** The named schemas a property may be one of: its oneOf, through $ref and allOf wrappers. */
    @SuppressWarnings("unchecked")
    private static Set<String> alternatives(JsonPath doc, Map<String, Object> property) {
        Set<String> names = new TreeSet<>();
        List<Map<String, Object>> todo = new ArrayList<>(List.of(property));
        while (!todo.isEmpty()) {
            Map<String, Object> s = schema(doc, todo.removeFirst());
            if (s.get("oneOf") != null) {
                ((List<Map<String, Object>>) s.get("oneOf")).forEach(option -> names.add(refName(option)));
            }
            if (s.get("allOf") != null) {
                todo.addAll((List<Map<String, Object>>) s.get("allOf"));
            }
        }
        return names;
    }

    /** Enum values of a property, following $ref and allOf/oneOf wrappers. */
    @SuppressWarnings("unchecked")
    private static Set<String> enumOf(JsonPath doc, Map<String, Object> property) {
        Set<String> values = new LinkedHashSet<>();
        List<Map<String, Object>> todo = new ArrayList<>(List.of(property));
        while (!todo.isEmpty()) {
            Map<String, Object> s = schema(doc, todo.removeFirst());
            if (s.get("enum") != null) {
                ((List<Object>) s.get("enum")).forEach(v -> values.add(String.valueOf(v)));
            }
            for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
                if (s.get(combinator) != null) {
                    todo.addAll((List<Map<String, Object>>) s.get(combinator));
                }
            }
        }
        return values;
    }
}
