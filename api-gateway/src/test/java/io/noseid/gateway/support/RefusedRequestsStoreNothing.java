package io.noseid.gateway.support;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** For test classes whose every test sends only refused requests: each test must leave every table as it was. */
public abstract class RefusedRequestsStoreNothing {

    @Inject
    protected AgroalDataSource ds;

    private Map<String, Long> before;

    @BeforeEach
    void countRows() {
        before = Rows.counts(ds);
    }

    @AfterEach
    void nothingStored() {
        assertEquals(before, Rows.counts(ds), "a refused request must not store anything");
    }
}
