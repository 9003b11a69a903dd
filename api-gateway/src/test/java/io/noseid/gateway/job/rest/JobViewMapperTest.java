package io.noseid.gateway.job.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.gateway.job.StoredResult;
import io.noseid.shared.PhotoAssessment;
import io.noseid.shared.PhotoRejection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JobViewMapperTest {

    private final ObjectMapper json = new ObjectMapper();

    /** Results stored before StoredResult existed were the REST view itself: they must still read. */
    @Test
    void aResultStoredAsTheOldViewStillReads() throws Exception {
        String old = """
                {"outcome":"MATCH","registrationNumber":"20261129160531ㅊㅋ5678","score":0.91,
                 "dog":{"name":"초코","breed":"진돗개","birthYear":2020,"sex":"FEMALE",
                        "owner":{"name":"홍길동","phone":"010-****-5678"}},
                 "candidates":[{"registrationNumber":"20261129160531ㅊㅋ5678","score":0.91}],
                 "photos":[{"index":0,"accepted":false,"reason":"old words","noseBox":null,"noseConfidence":null}]}
                """;
        JobResultView view = (JobResultView) JobViewMapper.toView(json.readValue(old, StoredResult.class),
                Locale.KOREAN);
        assertEquals(ResultOutcome.MATCH, view.outcome());
        assertEquals("홍길동", view.dog().owner().name());
        assertEquals("010-****-5678", view.dog().owner().phone());
        assertEquals(0.91, view.candidates().getFirst().score());
        assertEquals("old words", view.photos().getFirst().reason(), "a reason without a code stays as stored");
        assertNull(view.photos().getFirst().reasonCode());
    }

    @Test
    void reasonsAreWrittenInTheClientsLanguage() {
        StoredResult rejected = StoredResult.rejected(null, List.of(
                PhotoAssessment.rejected(0, PhotoRejection.BLURRED, List.of(1, 2, 3, 4), 0.7),
                PhotoAssessment.accepted(1, List.of(1, 2, 3, 4), 0.9)));
        JobResultView korean = (JobResultView) JobViewMapper.toView(rejected, Locale.KOREAN);
        assertEquals(PhotoRejection.BLURRED.text(Locale.KOREAN), korean.photos().getFirst().reason());
        assertEquals(PhotoRejection.BLURRED, korean.photos().getFirst().reasonCode());
        assertNull(korean.photos().get(1).reason());
        assertEquals(PhotoRejection.BLURRED.english(),
                ((JobResultView) JobViewMapper.toView(rejected, Locale.ENGLISH)).photos().getFirst().reason());
        assertNull(korean.candidates());
    }

    /** An adaptation's result is the contract's object exactly: these members, in this order, nothing else. */
    @Test
    void anAdaptationResultIsWrittenAsTheContractShowsIt() throws Exception {
        StoredResult stored = StoredResult.adapted(new StoredResult.Adaptation("gallery-20261202-a", 300, 1500, 0.5,
                0.01));
        String storedJson = json.writeValueAsString(stored);
        ResultView view = JobViewMapper.toView(json.readValue(storedJson, StoredResult.class), Locale.ENGLISH);
        assertEquals("{\"outcome\":\"ADAPTED\",\"matcherVersion\":\"gallery-20261202-a\",\"dogs\":300,"
                + "\"photos\":1500,\"threshold\":0.5,\"estimatedFar\":0.01}", json.writeValueAsString(view));
    }
}
