package io.noseid.shared;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientFailuresTest {

    @Test
    void outagesAreTransientAlsoWhenWrapped() {
        assertTrue(TransientFailures.isTransient(new SQLNonTransientConnectionException("Socket fail", "08000")));
        assertTrue(TransientFailures.isTransient(new IllegalStateException("Could not read photo 7",
                new SQLException("Could not connect to 127.0.0.1:3306", "08000"))));
        assertTrue(TransientFailures.isTransient(new SQLException("Sorry, acquisition timeout!")));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(TransientFailures.isTransient(new TimeoutException()));
        assertTrue(TransientFailures.isTransient(new SQLException("Deadlock found", "40001")));
    }

    @Test
    void contentFailuresAndBugsAreNot() {
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("job carries no dog id")));
        assertFalse(TransientFailures.isTransient(new SQLIntegrityConstraintViolationException("dup", "23000")));
        assertFalse(TransientFailures.isTransient(new SQLSyntaxErrorException("bad sql", "42000")));
        assertFalse(TransientFailures.isTransient(new NullPointerException()));
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(TransientFailures.isTransient(a));
    }
}
