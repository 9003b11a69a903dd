package io.noseid.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged gateway and any number of workers, started as real processes in the prod profile against the local
 * MariaDB, Redis and RabbitMQ. Each stack gets a database and a RabbitMQ virtual host of its own, both removed on
 * close, so runs never see each other's data and the servers stay usable.
 */
public final class NoseIdStack implements AutoCloseable {

    public static final String ADMIN_KEY = "system-test-admin-" + UUID.randomUUID();
    public static final String CLIENT_KEY = "system-test-client-" + UUID.randomUUID();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String database = "noseid_sys_" + suffix;
    private final String virtualHost = "noseid-sys-" + suffix;
    private final Path root = Path.of(System.getProperty("noseid.repository.root", "..")).toAbsolutePath().normalize();
    private final Path logs = root.resolve("system-tests/target/stack-logs/" + suffix);
    private final int gatewayPort = freePort();
    private final List<ServiceProcess> workers = new ArrayList<>();
    private final Map<String, String> workerSettings;
    private ServiceProcess gateway;

    private NoseIdStack(Map<String, String> workerSettings) {
        this.workerSettings = workerSettings;
    }

    /** Starts the gateway and {@code workerCount} workers and waits until all are ready. */
    public static NoseIdStack start(int workerCount, Map<String, String> workerSettings) {
        NoseIdStack stack = new NoseIdStack(workerSettings);
        try {
            stack.createDatabaseAndVirtualHost();
            stack.gateway = stack.launch("gateway", "api-gateway", stack.gatewayPort, Map.of());
            stack.gateway.awaitReady();
            for (int i = 0; i < workerCount; i++) {
                stack.startWorker();
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public String virtualHost() {
        return virtualHost;
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:3306/" + database;
    }

    public List<ServiceProcess> workers() {
        return workers;
    }

    public ServiceProcess startWorker() {
        int index = workers.size();
        Map<String, String> env = new LinkedHashMap<>(workerSettings);
        env.put("NOSEID_WORKER_ID", "worker-" + index + "-" + suffix);
        ServiceProcess worker = launch("worker-" + index, "vision-worker", freePort(), env);
        workers.add(worker);
        worker.awaitReady();
        return worker;
    }

    private ServiceProcess launch(String name, String module, int port, Map<String, String> extraEnv) {
        Path jar = root.resolve(module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the applications before the system tests");
        }
        try {
            Files.createDirectories(logs);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx1g", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_PROFILE", "prod");
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("NOSEID_WORKER_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", "root");
            env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379");
            env.put("RABBITMQ_HOST", "127.0.0.1");
            env.put("RABBITMQ_PORT", "5672");
            env.put("RABBITMQ_USERNAME", "guest");
            env.put("RABBITMQ_PASSWORD", "guest");
            env.put("RABBITMQ_VIRTUAL_HOST", virtualHost);
            env.put("NOSEID_API_KEYS", sha256(ADMIN_KEY) + ":admin," + sha256(CLIENT_KEY) + ":client");
            env.put("DJL_CACHE_DIR", root.resolve("system-tests/target/djl-cache").toString());
            env.put("DJL_OFFLINE", "true");
            env.putAll(extraEnv);
            return new ServiceProcess(name, builder.start(), port, logs.resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDatabaseAndVirtualHost() {
        sql("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        rabbitmqctl("add_vhost", virtualHost);
        rabbitmqctl("set_permissions", "-p", virtualHost, "guest", ".*", ".*", ".*");
    }

    @Override
    public void close() {
        for (ServiceProcess worker : workers) {
            worker.kill();
        }
        if (gateway != null) {
            gateway.kill();
        }
        try {
            sql("DROP DATABASE IF EXISTS `" + database + "`");
        } finally {
            rabbitmqctl("delete_vhost", virtualHost);
        }
    }

    private static void sql(String statement) {
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
             Statement s = connection.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at 127.0.0.1:3306 refused: " + statement, e);
        }
    }

    private static void rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rabbitmqctl is needed to give the stack its own virtual host", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One running application. */
    public static final class ServiceProcess {
        private final String name;
        private final Process process;
        private final int port;
        private final Path log;

        ServiceProcess(String name, Process process, int port, Path log) {
            this.name = name;
            this.process = process;
            this.port = port;
            this.log = log;
        }

        public long pid() {
            return process.pid();
        }

        public String name() {
            return name;
        }

        void awaitReady() {
            await(name + " ready (log: " + log + ")").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited while starting:\n" + tail());
                        }
                        return ready();
                    });
        }

        private boolean ready() {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(
                        "http://127.0.0.1:" + port + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                return c.getResponseCode() == 200;
            } catch (IOException e) {
                return false;
            }
        }

        /** SIGSTOP: the process holds whatever it holds, frozen, until killed. */
        public void freeze() {
            signal("STOP");
        }

        /** kill -9. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void signal(String signal) {
            try {
                new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }

        public String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }
}
