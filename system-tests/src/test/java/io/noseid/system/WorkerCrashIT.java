package io.noseid.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A worker killed with kill -9 while it holds a registration loses nothing. */
class WorkerCrashIT {

    @Test
    void aRegistrationHeldByAKilledWorkerEndsOnceOnAnotherWorker() throws Exception {
        try (NoseIdStack stack = NoseIdStack.start(1, Map.of("NOSEID_WORKER_DETECTOR_ENABLED", "false"))) {
            NoseIdClient client = new NoseIdClient(stack.baseUrl(), NoseIdStack.CLIENT_KEY);
            List<byte[]> photos = new SyntheticNoses(7L).photos(11, 0, 5);
            NoseIdStack.ServiceProcess doomed = stack.workers().getFirst();

            String jobId = client.register(photos, new NoseIdClient.Owner("Han Sora", "010-5555-1212"), "Tori");
            await("the worker holds the job").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !"QUEUED".equals(client.job(jobId).getString("status")));
            // Freeze first so that nothing more happens between this check and the kill.
            doomed.freeze();
            JsonPath held = client.job(jobId);
            assertEquals("RUNNING", held.getString("status"),
                    "the job ended before the worker could be killed; the test did not test anything");
            doomed.kill();

            NoseIdStack.ServiceProcess rescuer = stack.startWorker();
            JsonPath done = client.awaitSucceeded(jobId);
            assertEquals("REGISTERED", done.getString("result.outcome"), done::prettify);
            assertNotEquals(doomed.name(), rescuer.name());
            try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), "root", "");
                 Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM dog WHERE name = 'Tori'")) {
                rows.next();
                assertEquals(1, rows.getLong(1), "exactly one dog after the redelivery");
            }
            try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), "root", "");
                 Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(DISTINCT dog_id) FROM gallery_dog")) {
                rows.next();
                assertEquals(1, rows.getLong(1), "exactly one dog enrolled in the gallery");
            }
        }
    }
}
