package io.noseid.gateway.config;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both READMEs' configuration tables list every {@code noseid.adaptation.*} setting with its mapping's default. */
class AdaptationConfigTableTest {

    /** {@code | `NOSEID_ADAPTATION_AUTO` | gateway | `true` | …} (root) or {@code | `…` | `true` | …} (gateway). */
    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*`(NOSEID_ADAPTATION_[A-Z_]+)`\\s*\\|(?:\\s*gateway\\s*\\|)?\\s*`([^`]*)`\\s*\\|", Pattern.MULTILINE);

    @Test
    void theRootAndGatewayReadmesListTheAdaptationSettingsWithTheirDefaults() throws IOException {
        Map<String, String> mapped = new TreeMap<>();
        for (Method setting : NoseIdConfig.Adaptation.class.getDeclaredMethods()) {
            WithDefault value = setting.getAnnotation(WithDefault.class);
            assertTrue(value != null, setting.getName() + " has a default");
            String env = "NOSEID_ADAPTATION_" + setting.getName().replaceAll("([A-Z])", "_$1").toUpperCase();
            mapped.put(env, value.value());
        }
        for (Path readme : new Path[]{Path.of("../README.md"), Path.of("README.md")}) {
            assertTrue(Files.isRegularFile(readme), readme + " (run from the api-gateway module)");
            Map<String, String> documented = new TreeMap<>();
            Matcher row = ROW.matcher(Files.readString(readme, StandardCharsets.UTF_8));
            while (row.find()) {
                documented.put(row.group(1), row.group(2));
            }
            assertEquals(mapped, documented, readme + " against NoseIdConfig.Adaptation");
        }
    }
}
