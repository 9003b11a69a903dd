package io.noseid.worker.gallery;

import org.flywaydb.core.Flyway;
import org.mariadb.jdbc.MariaDbDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/** A uniquely named MariaDB database migrated with the gallery's Flyway scripts, dropped on close. */
public final class GalleryTestDatabase implements AutoCloseable {

    private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    private final String name = "noseid_gallery_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final MariaDbDataSource dataSource;

    public GalleryTestDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, "root", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        dataSource = new MariaDbDataSource(SERVER + name);
        dataSource.setUser("root");
        dataSource.setPassword("");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/gallery").table("gallery_schema_history")
                .load().migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, "root", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
        }
    }
}
