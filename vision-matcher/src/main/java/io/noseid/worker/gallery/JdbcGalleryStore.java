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

    private static final int PAGE = 2000;

    private final JdbcSupport jdbc;

    public JdbcGalleryStore(DataSource ds) {
        this.jdbc = new JdbcSupport(ds);
    }

    @Override
    public long save(UUID dogId, List<NoseTemplate> photos, List<IndexPhoto> indexPhotos, DogModel model) {
        return save(dogId, photos, indexPhotos, model, null);
    }

    @Override
    public long save(UUID dogId, List<NoseTemplate> photos, List<IndexPhoto> indexPhotos, DogModel model,
                     OtherVersions others) {
        String id = dogId.toString();
        String version = photos.isEmpty() ? "" : photos.getFirst().vocabularyVersion();
        return jdbc.inTransaction(c -> {
            deleteDog(c, id);
            insertIndexRow(c, new IndexEntry(dogId, version, indexPhotos, model));
            if (others != null) {
                // Read with a share lock: an adaptation switching versions waits for this registration, and this
                // registration for the switch, so no dog is left out of the version that becomes active.
                for (String other : MatcherVersionStore.writtenVersions(c)) {
                    if (!other.equals(version)) {
                        insertIndexRow(c, others.indexIn(other, dogId, photos));
                    }
                }
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

    /** One dog's index row in one version; the dog's templates are stored once, for every version. */
    static void insertIndexRow(Connection c, IndexEntry e) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO gallery_dog "
                + "(dog_id, vocabulary_version, photo_count, index_features, svm_model) VALUES (?, ?, ?, ?, ?)")) {
            ins.setString(1, e.dogId().toString());
            ins.setString(2, e.vocabularyVersion());
            ins.setInt(3, e.photos().size());
            ins.setBytes(4, TemplateCodec.encodeIndexPhotos(e.photos()));
            ins.setBytes(5, TemplateCodec.encodeModel(e.model()));
            ins.executeUpdate();
        }
    }

    /** Removes a dog from every version; false when it was not stored. */
    private static boolean deleteDog(Connection c, String id) throws SQLException {
        int rows;
        try (PreparedStatement del = c.prepareStatement("DELETE FROM gallery_dog WHERE dog_id = ?")) {
            del.setString(1, id);
            rows = del.executeUpdate();
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM gallery_photo WHERE dog_id = ?")) {
            del.setString(1, id);
            rows += del.executeUpdate();
        }
        return rows > 0;
    }

    @Override
    public long delete(UUID dogId) {
        String id = dogId.toString();
        return jdbc.inTransaction(c -> deleteDog(c, id) ? logChange(c, id, ChangeKind.REMOVE) : -1L);
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
        return jdbc.query("SELECT 1 FROM gallery_photo WHERE dog_id = ? LIMIT 1", ps -> ps.setString(1, dogId.toString()),
                ResultSet::next);
    }

    /** The most recently written of the dog's index rows (it has one per matcher version it is stored in). */
    @Override
    public Optional<IndexEntry> indexEntry(UUID dogId) {
        return jdbc.query("SELECT dog_id, vocabulary_version, index_features, svm_model FROM gallery_dog WHERE dog_id = ? "
                        + "ORDER BY updated_at DESC LIMIT 1", ps -> ps.setString(1, dogId.toString()),
                rs -> rs.next() ? Optional.of(entry(rs)) : Optional.empty());
    }

    @Override
    public Optional<IndexEntry> indexEntry(UUID dogId, String version) {
        return jdbc.query("SELECT dog_id, vocabulary_version, index_features, svm_model FROM gallery_dog "
                        + "WHERE dog_id = ? AND vocabulary_version = ?", ps -> {
                    ps.setString(1, dogId.toString());
                    ps.setString(2, version);
                }, rs -> rs.next() ? Optional.of(entry(rs)) : Optional.empty());
    }

    private static IndexEntry entry(ResultSet rs) throws SQLException {
        return new IndexEntry(UUID.fromString(rs.getString(1)), rs.getString(2),
                TemplateCodec.decodeIndexPhotos(rs.getBytes(3)), TemplateCodec.decodeModel(rs.getBytes(4)));
    }

    @Override
    public List<NoseTemplate> templates(UUID dogId) {
        return jdbc.query("SELECT template FROM gallery_photo WHERE dog_id = ? ORDER BY photo_index",
                ps -> ps.setString(1, dogId.toString()), rs -> {
                    List<NoseTemplate> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(TemplateCodec.decodeTemplate(rs.getBytes(1)));
                    }
                    return out;
                });
    }

    /** Every index row of every version (tools); the matcher streams one version. */
    @Override
    public void forEachIndexEntry(Consumer<IndexEntry> consumer) {
        forEachIndexEntry(null, consumer);
    }

    @Override
    public void forEachIndexEntry(String version, Consumer<IndexEntry> consumer) {
        // Keyset pagination keeps each result set small at 100,000 dogs.
        String afterDog = "";
        String afterVersion = "";
        String where = version == null ? "(dog_id, vocabulary_version) > (?, ?)"
                : "vocabulary_version = ? AND dog_id > ?";
        while (true) {
            String[] from = version == null ? new String[]{afterDog, afterVersion} : new String[]{version, afterDog};
            List<IndexEntry> page = jdbc.query("SELECT dog_id, vocabulary_version, index_features, svm_model FROM gallery_dog "
                    + "WHERE " + where + " ORDER BY dog_id, vocabulary_version LIMIT " + PAGE, ps -> {
                ps.setString(1, from[0]);
                ps.setString(2, from[1]);
            }, rs -> {
                List<IndexEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(entry(rs));
                }
                return out;
            });
            page.forEach(consumer);
            if (page.size() < PAGE) {
                return;
            }
            afterDog = page.getLast().dogId().toString();
            afterVersion = page.getLast().vocabularyVersion();
        }
    }

    @Override
    public List<Change> changesSince(long afterSequence, int limit) {
        return jdbc.query("SELECT seq, dog_id, kind FROM gallery_change WHERE seq > ? ORDER BY seq LIMIT ?", ps -> {
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
        return jdbc.query("SELECT COALESCE(MAX(seq), 0) FROM gallery_change", ps -> {
        }, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    /** A database failure of the gallery; the caller decides whether to retry. */
    public static final class GalleryStoreException extends RuntimeException {
        GalleryStoreException(String what, Exception cause) {
            super("gallery store failed: " + what, cause);
        }
    }
}
