package io.noseid.gateway.support;

import io.restassured.response.ValidatableResponse;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** The contract's problem document, asserted on a rest-assured response. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("code", is(code))
                .body("status", is(status))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("errors", notNullValue());
    }
}
