package io.noseid.worker.config;

import io.noseid.worker.detection.QualityConfig;
import io.noseid.worker.detection.QualitySettings;
import io.noseid.worker.matcher.MatcherConfig;
import io.noseid.worker.matcher.MatcherSettings;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's configuration table lists every matcher and quality key with the mapping's default, and only those. */
class ConfigurationTableTest {

    /** A table row: {@code | `noseid.worker.matcher.shortlist.size` | worker | `100` | ... |}. */
    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*`(noseid\\.worker\\.(?:matcher|quality)\\.[a-z0-9.-]+)`\\s*\\|[^|]*\\|\\s*`([^`]*)`\\s*\\|");

    @Test
    void readmeTableAndMappingAgreeOnKeysAndDefaults() throws IOException {
        Map<String, String> mapped = new TreeMap<>();
        collect(MatcherConfig.class, MatcherSettings.PREFIX, mapped);
        collect(QualityConfig.class, QualitySettings.PREFIX, mapped);
        assertFalse(mapped.isEmpty());

        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(readme())) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                assertTrue(documented.put(m.group(1), m.group(2)) == null, "listed twice: " + m.group(1));
            }
        }
        assertEquals(mapped, documented, "README configuration table against the @ConfigMapping defaults");
    }

    @Test
    void groupsAreTheOnesTheWorkerMaps() throws NoSuchMethodException {
        assertEquals(MatcherConfig.class, WorkerConfig.class.getMethod("matcher").getReturnType());
        assertEquals(QualityConfig.class, WorkerConfig.class.getMethod("quality").getReturnType());
    }

    /** Leaf keys of a mapping interface, named as SmallRye names them (kebab case), with their defaults. */
    private static void collect(Class<?> mapping, String prefix, Map<String, String> out) {
        for (Method m : mapping.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault()) {
                continue;
            }
            String key = prefix + "." + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            if (m.getReturnType().isInterface()) {
                collect(m.getReturnType(), key, out);
            } else {
                WithDefault d = m.getAnnotation(WithDefault.class);
                assertTrue(d != null, key + " has no default");
                out.put(key, d.value());
            }
        }
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md"))
                && Files.isDirectory(dir.resolve("vision-worker")))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "repository root with README.md not found");
        return dir.resolve("README.md");
    }
}
