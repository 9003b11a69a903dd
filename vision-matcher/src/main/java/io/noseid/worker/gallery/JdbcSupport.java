package io.noseid.worker.gallery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Statements and transactions of the gallery's JDBC stores; a database failure becomes a GalleryStoreException. */
public final class JdbcSupport {

    private final DataSource ds;

    public JdbcSupport(DataSource ds) {
        this.ds = ds;
    }

    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new JdbcGalleryStore.GalleryStoreException(sql, e);
        }
    }

    public <T> T inTransaction(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new JdbcGalleryStore.GalleryStoreException("gallery transaction", e);
        }
    }

}
