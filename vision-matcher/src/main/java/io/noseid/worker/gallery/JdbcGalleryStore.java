package io.noseid.worker.gallery;

import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.IndexPhoto;
import io.noseid.worker.matcher.NoseTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Gallery in the worker's MariaDB tables (db/gallery/V1__gallery_tables.sql). A save or delete and its change-log row
 * commit in one transaction, so a worker that sees the change also sees the data.
 */
public final class JdbcGalleryStore implements GalleryStore {

    private final DataSource ds;

    public JdbcGalleryStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public long save(UUID dogId, List<NoseTemplate> photos, List<IndexPhoto> indexPhotos, DogModel model) {
        String id = dogId.toString();
        String version = photos.isEmpty() ? "" : photos.getFirst().vocabularyVersion();
        return inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM gallery_dog WHERE dog_id = ?")) {
                del.setString(1, id);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO gallery_dog "
                    + "(dog_id, vocabulary_version, photo_count, index_features, svm_model) VALUES (?, ?, ?, ?, ?)")) {
                ins.setString(1, id);
                ins.setString(2, version);
                ins.setInt(3, photos.size());
                ins.setBytes(4, TemplateCodec.encodeIndexPhotos(indexPhotos));
                ins.setBytes(5, TemplateCodec.encodeModel(model));
                ins.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO gallery_photo (dog_id, photo_index, template) VALUES (?, ?, ?)")) {
                for (int i = 0; i < photos.size(); i++) {
                    ins.setString(1, id);
                    ins.setInt(2, i);
                    ins.setBytes(3, TemplateCodec.encodeTemplate(photos.get(i)));
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            return logChange(c, id, ChangeKind.ENROL);
        });
    }

    @Override
    public long delete(UUID dogId) {
        String id = dogId.toString();
        return inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM gallery_dog WHERE dog_id = ?")) {
                del.setString(1, id);
                if (del.executeUpdate() == 0) {
                    return -1L;
                }
            }
            return logChange(c, id, ChangeKind.REMOVE);
        });
    }

    private static long logChange(Connection c, String id, ChangeKind kind) throws SQLException {
        try (PreparedStatement log = c.prepareStatement("INSERT INTO gallery_change (dog_id, kind) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            log.setString(1, id);
            log.setString(2, kind.name());
            log.executeUpdate();
            try (ResultSet keys = log.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    @Override
    public boolean contains(UUID dogId) {
        return query("SELECT 1 FROM gallery_dog WHERE dog_id = ?", ps -> ps.setString(1, dogId.toString()),
                ResultSet::next);
    }

    @Override
    public Optional<IndexEntry> indexEntry(UUID dogId) {
        return query("SELECT dog_id, vocabulary_version, index_features, svm_model FROM gallery_dog WHERE dog_id = ?",
                ps -> ps.setString(1, dogId.toString()),
                rs -> rs.next() ? Optional.of(entry(rs)) : Optional.empty());
    }

    private static IndexEntry entry(ResultSet rs) throws SQLException {
        return new IndexEntry(UUID.fromString(rs.getString(1)), rs.getString(2),
                TemplateCodec.decodeIndexPhotos(rs.getBytes(3)), TemplateCodec.decodeModel(rs.getBytes(4)));
    }

    @Override
    public List<NoseTemplate> templates(UUID dogId) {
        return query("SELECT template FROM gallery_photo WHERE dog_id = ? ORDER BY photo_index",
                ps -> ps.setString(1, dogId.toString()), rs -> {
                    List<NoseTemplate> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(TemplateCodec.decodeTemplate(rs.getBytes(1)));
                    }
                    return out;
                });
    }

    @Override
    public void forEachIndexEntry(Consumer<IndexEntry> consumer) {
        // Keyset pagination keeps each result set small at 100,000 dogs.
        String after = "";
        while (true) {
            String from = after;
            List<IndexEntry> page = query("SELECT dog_id, vocabulary_version, index_features, svm_model FROM gallery_dog "
                    + "WHERE dog_id > ? ORDER BY dog_id LIMIT 2000", ps -> ps.setString(1, from), rs -> {
                List<IndexEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(entry(rs));
                }
                return out;
            });
            page.forEach(consumer);
            if (page.size() < 2000) {
                return;
            }
            after = page.getLast().dogId().toString();
        }
    }

    @Override
    public List<Change> changesSince(long afterSequence, int limit) {
        return query("SELECT seq, dog_id, kind FROM gallery_change WHERE seq > ? ORDER BY seq LIMIT ?", ps -> {
            ps.setLong(1, afterSequence);
            ps.setInt(2, limit);
        }, rs -> {
            List<Change> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Change(rs.getLong(1), UUID.fromString(rs.getString(2)),
                        ChangeKind.valueOf(rs.getString(3))));
            }
            return out;
        });
    }

    @Override
    public long latestSequence() {
        return query("SELECT COALESCE(MAX(seq), 0) FROM gallery_change", ps -> {
        }, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new GalleryStoreException(sql, e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
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
            throw new GalleryStoreException("gallery transaction", e);
        }
    }

    /** A database failure of the gallery; the caller decides whether to retry. */
    public static final class GalleryStoreException extends RuntimeException {
        GalleryStoreException(String what, SQLException cause) {
            super("gallery store failed: " + what, cause);
        }
    }
}
