package io.noseid.gateway.photo;

import org.junit.jupiter.api.Test;

import static io.noseid.gateway.photo.MultipartBoundaryCheck.boundaryProblem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartBoundaryCheckTest {

    @Test
    void boundariesThatClientsSendPass() {
        assertFalse(boundaryProblem("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW").isPresent());
        assertFalse(boundaryProblem("multipart/form-data; boundary=\"a quoted boundary\"").isPresent());
        assertFalse(boundaryProblem("multipart/form-data;boundary=7c1f9e2a-7d84-4c5e-9a3b-0f1d2e3c4b5a; charset=UTF-8")
                .isPresent());
        assertFalse(boundaryProblem("Multipart/Form-Data; BOUNDARY=x").isPresent());
    }

    @Test
    void boundariesNoBodyCanBeSplitByAreRefused() {
        assertTrue(boundaryProblem("multipart/form-data").isPresent());
        assertTrue(boundaryProblem("multipart/form-data; boundary=").isPresent());
        assertTrue(boundaryProblem("multipart/form-data; boundary=\"open").isPresent());
        assertTrue(boundaryProblem("multipart/form-data; boundary=a; boundary=b").isPresent());
        assertTrue(boundaryProblem("multipart/form-data; boundary=" + "b".repeat(71)).isPresent());
        assertTrue(boundaryProblem("multipart/form-data; boundary=ends-with-space \"").isPresent());
        assertTrue(boundaryProblem("multipart/form-data; boundary=bad\u00ffbyte").isPresent());
    }
}
