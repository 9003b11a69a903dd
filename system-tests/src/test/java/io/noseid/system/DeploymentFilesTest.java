package io.noseid.system;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine or cluster runs here, so the compose file and the Kubernetes manifests are checked as text: they
 * parse, and they hold what operators rely on (health checks, volumes, probes, resources, autoscaling, no secrets).
 */
class DeploymentFilesTest {

    private final Path root = Path.of(System.getProperty("noseid.repository.root", "..")).toAbsolutePath();

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheWholeSystemWithHealthChecksAndVolumes() throws IOException {
        Map<String, Object> compose = load(root.resolve("docker-compose.yml")).getFirst();
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertEquals(Set.of("mariadb", "redis", "rabbitmq", "gateway", "worker"), services.keySet());
        services.forEach((name, service) -> assertNotNull(service.get("healthcheck"), name + " has no health check"));
        assertTrue(((Map<String, Object>) compose.get("volumes")).keySet()
                .containsAll(Set.of("mariadb-data", "redis-data", "rabbitmq-data")));
        assertTrue(services.get("rabbitmq").get("image").toString().contains("management"), "management UI");
        for (String app : List.of("gateway", "worker")) {
            Map<String, Object> build = (Map<String, Object>) services.get(app).get("build");
            assertTrue(Files.isRegularFile(root.resolve(build.get("dockerfile").toString())), app + " Dockerfile");
        }
        assertTrue(((Map<String, Object>) services.get("worker").get("deploy")).get("replicas") instanceof Integer);
        assertTrue(Files.readString(root.resolve("docker-compose.yml")).contains("${NOSEID_API_KEYS:?"),
                "secrets come from the environment");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesDeploymentsHaveProbesResourcesAndTheWorkerScalesOnItsQueue() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (var files = Files.list(root.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.addAll(load(file));
            }
        }
        Set<String> kinds = new java.util.HashSet<>();
        for (Map<String, Object> document : documents) {
            String kind = document.get("kind").toString();
            kinds.add(kind);
            if (kind.equals("Deployment")) {
                Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                        document.get("spec")).get("template")).get("spec");
                for (Map<String, Object> container : (List<Map<String, Object>>) spec.get("containers")) {
                    for (String key : List.of("readinessProbe", "livenessProbe", "resources")) {
                        assertNotNull(container.get(key), container.get("name") + " lacks " + key);
                    }
                }
            }
            if (kind.equals("ScaledObject")) {
                String triggers = document.get("spec").toString();
                assertTrue(triggers.contains("noseid.identifications"), triggers);
            }
        }
        assertTrue(kinds.containsAll(Set.of("Namespace", "ConfigMap", "Secret", "Deployment", "Service",
                "ScaledObject")), kinds.toString());
    }

    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) document;
                    documents.add(map);
                }
            }
        }
        return documents;
    }
}
