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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The packaged gateway and any number of workers, started as real processes in the prod profile against the local
 * MariaDB, Redis and RabbitMQ. Each stack gets a database and a RabbitMQ virtual host of its own, both removed on
 * close, so runs never see each other's data and the servers stay usable.
 * <p>
 * Built {@link Builder#throughFaultProxies() through fault proxies}, the services reach MariaDB, Redis and RabbitMQ
 * only through a {@link FaultProxy} each, so a test can "stop" and "start" a server ({@link #stop(Backend)},
 * {@link #start(Backend)}) or make it hang ({@link #stall(Backend)}) without touching the shared servers; the test's
 * own connections ({@link #jdbcUrl()}, rabbitmqctl) always go to the real servers.
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
    private final Map<String, String> gatewaySettings;
    private final Map<Backend, FaultProxy> proxies = new EnumMap<>(Backend.class);
    private ServiceProcess gateway;
    private int gatewayStarts;

    /** The servers the services depend on, at their real loopback ports. */
    public enum Backend {
        MARIADB(3306), REDIS(6379), RABBITMQ(5672);

        private final int port;

        Backend(int port) {
            this.port = port;
        }

        public int port() {
            return port;
        }
    }

    private NoseIdStack(Builder builder) {
        this.workerSettings = Map.copyOf(builder.workerSettings);
        this.gatewaySettings = Map.copyOf(builder.gatewaySettings);
        if (builder.faultProxies) {
            for (Backend backend : Backend.values()) {
                proxies.put(backend, FaultProxy.start(backend.name().toLowerCase(), "127.0.0.1", backend.port()));
            }
        }
    }

    /** Starts the gateway and {@code workerCount} workers and waits until all are ready. */
    public static NoseIdStack start(int workerCount, Map<String, String> workerSettings) {
        return builder().workers(workerCount).workerSettings(workerSettings).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How to start a stack. */
    public static final class Builder {
        private int workers = 1;
        private final Map<String, String> workerSettings = new LinkedHashMap<>();
        private final Map<String, String> gatewaySettings = new LinkedHashMap<>();
        private boolean faultProxies;

        private Builder() {
        }

        public Builder workers(int count) {
            this.workers = count;
            return this;
        }

        /** Environment of every worker (for example {@code NOSEID_WORKER_DETECTOR_ENABLED=false}). */
        public Builder workerSettings(Map<String, String> settings) {
            workerSettings.putAll(settings);
            return this;
        }

        /** Environment of the gateway. */
        public Builder gatewaySettings(Map<String, String> settings) {
            gatewaySettings.putAll(settings);
            return this;
        }

        /** The services reach MariaDB, Redis and RabbitMQ through a {@link FaultProxy} each. */
        public Builder throughFaultProxies() {
            this.faultProxies = true;
            return this;
        }

        /** Starts the gateway and the workers and waits until all are ready. */
        public NoseIdStack start() {
            NoseIdStack stack = new NoseIdStack(this);
            try {
                stack.createDatabaseAndVirtualHost();
                stack.gateway = stack.launchGateway();
                stack.gateway.awaitReady();
                for (int i = 0; i < workers; i++) {
                    stack.startWorker();
                }
                return stack;
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
        }
    }

    private ServiceProcess launchGateway() {
        gatewayStarts++;
        return launch(gatewayStarts == 1 ? "gateway" : "gateway-" + gatewayStarts, "api-gateway", gatewayPort,
                gatewaySettings);
    }

    public ServiceProcess gateway() {
        return gateway;
    }

    /** The gateway's {@code /q/health/ready} status code: 200 ready, 503 not ready, -1 no answer. */
    public int gatewayReadiness() {
        return gateway.readinessStatus();
    }

    /** kill -9 the gateway, start it again on the same port and wait until it is ready. */
    public ServiceProcess restartGateway() {
        gateway.kill();
        gateway = launchGateway();
        gateway.awaitReady();
        return gateway;
    }

    /** kill -9 a worker; {@link #startWorker()} starts a new one. */
    public void killWorker(ServiceProcess worker) {
        if (!workers.contains(worker)) {
            throw new IllegalArgumentException(worker.name() + " is not a worker of this stack");
        }
        worker.kill();
    }

    /** The proxy between the services and {@code backend}; only for a stack built through fault proxies. */
    public FaultProxy proxy(Backend backend) {
        FaultProxy proxy = proxies.get(backend);
        if (proxy == null) {
            throw new IllegalStateException("this stack was not built through fault proxies");
        }
        return proxy;
    }

    /** The services see {@code backend} stopped: open connections closed, new ones refused. */
    public void stop(Backend backend) {
        proxy(backend).down();
    }

    /** The services see {@code backend} started again. */
    public void start(Backend backend) {
        proxy(backend).forward();
    }

    /** The services see {@code backend} hang: connections stay open, nothing is answered. */
    public void stall(Backend backend) {
        proxy(backend).stall();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public String virtualHost() {
        return virtualHost;
    }

    /** The stack's database on the real server, for the test's own queries (never through a fault proxy). */
    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:3306/" + database;
    }

    public String database() {
        return database;
    }

    /** Where the services find {@code backend}: the proxy's port when there is one, else the server's. */
    private int servicePort(Backend backend) {
        FaultProxy proxy = proxies.get(backend);
        return proxy == null ? backend.port() : proxy.port();
    }

    /** One number from the stack's database, for example a {@code COUNT(*)}. */
    public long count(String sql, Object... parameters) {
        return ((Number) single(sql, parameters)).longValue();
    }

    /** One value of the first row from the stack's database, as text (null when there is no row). */
    public String text(String sql, Object... parameters) {
        Object value = single(sql, parameters);
        return value == null ? null : value.toString();
    }

    private Object single(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "root", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The values of the first column of a query on the stack's database. */
    public List<String> strings(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "root", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The row count of every table of the stack's database (both services' tables and their Flyway histories). */
    public Map<String, Long> rowCounts() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "root", "")) {
            return rowCounts(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("row counts of " + database, e);
        }
    }

    /** As {@link #rowCounts()} on a connection the caller keeps open (many counts in a row). */
    public Map<String, Long> rowCounts(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Every job id that appears in any worker's log ({@code [job=<id>]}): the jobs the workers ran. */
    public Set<String> jobIdsSeenByWorkers() {
        Set<String> ids = new TreeSet<>();
        for (ServiceProcess worker : workers) {
            Matcher matcher = WORKER_JOB_ID.matcher(worker.log());
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    private static final Pattern WORKER_JOB_ID = Pattern.compile(
            "\\[job=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})]");

    /** Messages ready or unacknowledged per queue of the stack's virtual host (read from the real broker). */
    public Map<String, Long> queueDepths() {
        String output = rabbitmqctl("list_queues", "-p", virtualHost, "--no-table-headers", "name", "messages");
        Map<String, Long> depths = new TreeMap<>();
        for (String line : output.split("\\R")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[1].matches("\\d+")) {
                depths.put(columns[0], Long.parseLong(columns[1]));
            }
        }
        return depths;
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
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx1g",
                    "--add-modules", "jdk.incubator.vector", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_PROFILE", "prod");
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("NOSEID_WORKER_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_JDBC_URL",
                    "jdbc:mariadb://127.0.0.1:" + servicePort(Backend.MARIADB) + "/" + database);
            env.put("QUARKUS_DATASOURCE_USERNAME", "root");
            env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + servicePort(Backend.REDIS));
            env.put("RABBITMQ_HOST", "127.0.0.1");
            env.put("RABBITMQ_PORT", Integer.toString(servicePort(Backend.RABBITMQ)));
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
        proxies.values().forEach(FaultProxy::close);
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

    private static String rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + output);
            }
            return output;
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
            return readinessStatus() == 200;
        }

        /** {@code /q/health/ready}: 200 ready, 503 not ready, -1 no answer within 5 s. */
        public int readinessStatus() {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(
                        "http://127.0.0.1:" + port + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                try {
                    return c.getResponseCode();
                } finally {
                    c.disconnect();
                }
            } catch (IOException e) {
                return -1;
            }
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public int port() {
            return port;
        }

        /** SIGSTOP: the process holds whatever it holds, frozen, until killed. */
        public void freeze() {
            signal("STOP");
        }

        /** SIGCONT: a frozen process goes on. */
        public void thaw() {
            signal("CONT");
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
