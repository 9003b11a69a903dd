package io.noseid.worker.detection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves that the detector needs nothing from the network: a child JVM with no network namespace access
 * ({@code unshare -n}) and an empty DJL cache loads the classpath model and infers. libtorch must then have been
 * extracted from the pytorch-native-cpu jar into that cache.
 */
class OfflineInferenceTest {

    @Test
    void inferenceWorksWithoutNetworkAndAFreshCache(@TempDir Path cache) throws Exception {
        assumeTrue(canUnshareNetwork(), "Skipped: 'unshare -n' is not permitted here (needs root or user namespaces)");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("unshare", "-n", java, "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", OfflineProbe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DJL_CACHE_DIR", cache.toString());
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().remove("ENGINE_CACHE_DIR");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("OFFLINE-INFERENCE-OK"), output);
        try (Stream<Path> files = Files.walk(cache)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("libtorch")),
                    "libtorch was not extracted into the fresh DJL cache " + cache);
        }
    }

    private static boolean canUnshareNetwork() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
