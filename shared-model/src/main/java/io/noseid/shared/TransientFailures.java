package io.noseid.shared;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells an outage of a backing service (the database, Redis, the broker: down, restarting, unreachable, out of
 * connections) from a failure of the job itself. An outage is waited out with back-off and never spends the
 * message's delivery budget; anything else is a job that fails on its own content or a bug, and goes towards the
 * dead-letter queue.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isTransientItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable t) {
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            // 08: connection, 40: rollback (deadlock, serialisation), HY: driver-level (MariaDB reports a server
            // going away this way); no state at all: the pool could not hand out a connection in time
            return state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("HY");
        }
        if (t instanceof ConnectException || t instanceof SocketException || t instanceof SocketTimeoutException
                || t instanceof UnknownHostException || t instanceof TimeoutException) {
            return true;
        }
        // Redis and broker clients (Vert.x, Netty, the AMQP client) report a lost or refused connection with their
        // own exception types; they share these words
        String name = t.getClass().getName();
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return (name.startsWith("io.vertx") || name.startsWith("io.netty") || name.startsWith("com.rabbitmq")
                || name.startsWith("io.quarkus.redis") || name.startsWith("io.smallrye.reactive.messaging"))
                && (message.contains("connection") || message.contains("closed") || message.contains("refused")
                || message.contains("timeout") || message.contains("timed out"));
    }
}
