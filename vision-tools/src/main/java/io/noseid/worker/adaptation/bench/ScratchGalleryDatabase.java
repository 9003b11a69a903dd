package io.noseid.worker.adaptation.bench;

import org.flywaydb.core.Flyway;
import org.mariadb.jdbc.MariaDbDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A MariaDB database of its own for one benchmark run, with the gallery's Flyway schema (the worker's
 * {@code db/gallery} scripts), dropped on close. Server: {@code NOSEID_BENCH_DB_URL} (default the local server),
 * user root without a password as on the development machines.
 */
final class ScratchGalleryDatabase implements AutoCloseable {

    private final String server = System.getenv().getOrDefault("NOSEID_BENCH_DB_URL", "jdbc:mariadb://127.0.0.1:3306/");
    private final String name = "noseid_bench_" + System.currentTimeMillis();
    private final MariaDbDataSource dataSource;

    ScratchGalleryDatabase() throws SQLException {
        execute("CREATE DATABASE " + name);
        dataSource = new MariaDbDataSource(server + name);
        dataSource.setUser("root");
        dataSource.setPassword("");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/gallery").table("gallery_schema_history")
                .load().migrate();
    }

    DataSource dataSource() {
        return dataSource;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server, "root", ""); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name);
    }
}
