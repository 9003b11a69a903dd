package io.noseid.worker.gallery;

import io.noseid.worker.matcher.MatchRule;
import io.noseid.worker.matcher.VerificationModel;
import io.noseid.worker.matcher.Vocabulary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The matcher versions in the shared database ({@code matcher_version}, db/gallery/V3): which one every worker
 * serves, which one an adaptation is building, their vocabularies and calibrated thresholds. The lifecycle is in the
 * migration's comment; {@link #activate} is the one switch, in one transaction with the last dogs' rows.
 */
public final class MatcherVersionStore {

    public enum State { BUILDING, READY, ACTIVE, PREVIOUS, RETIRED, FAILED }

    /**
     * One version.
     *
     * @param inlierThreshold the calibrated threshold, null for the shipped version (the configured one applies)
     * @param estimatedFar    measured on the gallery's impostor probes, null for the shipped version
     * @param verifier        the SVM verifier the adaptation learned, null when the version decides by inliers
     */
    public record Version(String name, State state, Double inlierThreshold, Double targetFar, Double estimatedFar,
                          Integer dogs, Integer photos, UUID jobId, Instant activatedAt, VerificationModel verifier) {

        /** The match threshold on the contract's score: the verifier's probability, or 0.5 for the inlier rule. */
        public double scoreThreshold() {
            return verifier == null ? MatchRule.MATCH_SCORE : verifier.threshold();
        }
    }

    /** Completes a version inside the switching transaction: the dogs its re-index has not covered yet. */
    public interface Reconciler {
        /** Index rows of these dogs (stored, without a row in the new version), to insert in the same transaction. */
        List<GalleryStore.IndexEntry> indexMissing(List<UUID> dogs);
    }

    private static final String COLUMNS = "version, state, inlier_threshold, target_far, estimated_far, dogs, "
            + "photos, job_id, activated_at, verifier";

    private final JdbcSupport jdbc;

    public MatcherVersionStore(DataSource ds) {
        this.jdbc = new JdbcSupport(ds);
    }

    /**
     * The versions an enrolment is written in, read with a share lock inside the enrolment's transaction so that a
     * switch ({@link #activate}) and an enrolment never interleave.
     */
    static List<String> writtenVersions(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM matcher_version "
                + "WHERE state IN ('BUILDING', 'READY', 'ACTIVE', 'PREVIOUS') LOCK IN SHARE MODE");
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** Records the shipped version as the active one when no version is active yet (first start). */
    public void ensureActive(String shippedVersion) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version FROM matcher_version WHERE state = 'ACTIVE' FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO matcher_version (version, state, activated_at) "
                    + "VALUES (?, 'ACTIVE', CURRENT_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE state = 'ACTIVE'")) {
                ps.setString(1, shippedVersion);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Version> active() {
        return one("state = 'ACTIVE'", null);
    }

    /** A complete version not active yet: workers load it so that the switch is immediate. */
    public Optional<Version> ready() {
        return one("state = 'READY'", null);
    }

    public Optional<Version> byName(String name) {
        return one("version = ?", name);
    }

    /** The version an adaptation job builds (a redelivered job finds what its first attempt left). */
    public Optional<Version> byJob(UUID jobId) {
        return one("job_id = ?", jobId.toString());
    }

    private Optional<Version> one(String where, String parameter) {
        return jdbc.query("SELECT " + COLUMNS + " FROM matcher_version WHERE " + where
                        + " ORDER BY created_at DESC LIMIT 1", ps -> {
                    if (parameter != null) {
                        ps.setString(1, parameter);
                    }
                }, rs -> rs.next() ? Optional.of(version(rs)) : Optional.empty());
    }

    private static Version version(ResultSet rs) throws SQLException {
        String job = rs.getString(8);
        Timestamp activated = rs.getTimestamp(9);
        byte[] verifier = rs.getBytes(10);
        return new Version(rs.getString(1), State.valueOf(rs.getString(2)), rs.getObject(3, Double.class),
                rs.getObject(4, Double.class), rs.getObject(5, Double.class), rs.getObject(6, Integer.class),
                rs.getObject(7, Integer.class), job == null ? null : UUID.fromString(job),
                activated == null ? null : activated.toInstant(),
                verifier == null ? null : VerificationModel.decode(verifier));
    }

    /** The version's vocabulary: stored with an adapted version, on the classpath for a shipped one. */
    public Vocabulary vocabulary(String name) {
        byte[] blob = jdbc.query("SELECT vocabulary FROM matcher_version WHERE version = ?",
                ps -> ps.setString(1, name), rs -> rs.next() ? rs.getBytes(1) : null);
        if (blob == null) {
            return Vocabulary.loadVersion(name);
        }
        try {
            return Vocabulary.read(new ByteArrayInputStream(blob));
        } catch (IOException e) {
            throw new UncheckedIOException("stored vocabulary of matcher version " + name + " unreadable", e);
        }
    }

    /** Starts a version: from now on every enrolment is also written in it. */
    public void create(Vocabulary vocabulary, UUID jobId, double targetFar) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            vocabulary.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO matcher_version "
                    + "(version, state, vocabulary, target_far, job_id) VALUES (?, 'BUILDING', ?, ?, ?)")) {
                ps.setString(1, vocabulary.version());
                ps.setBytes(2, bytes.toByteArray());
                ps.setDouble(3, targetFar);
                ps.setString(4, jobId.toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Stores a dog's index row in a version being built, unless the dog was deleted meanwhile (the existence check
     * locks the dog's templates, so a concurrent deletion either waits or is seen) or already has one.
     */
    public boolean insertIfStored(GalleryStore.IndexEntry entry) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM gallery_photo WHERE dog_id = ? "
                    + "LIMIT 1 LOCK IN SHARE MODE")) {
                ps.setString(1, entry.dogId().toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM gallery_dog WHERE dog_id = ? AND vocabulary_version = ?")) {
                ps.setString(1, entry.dogId().toString());
                ps.setString(2, entry.vocabularyVersion());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            JdbcGalleryStore.insertIndexRow(c, entry);
            return true;
        });
    }

    /** The dogs stored in a version, in id order. */
    public List<UUID> dogs(String version) {
        List<UUID> out = new ArrayList<>();
        String after = "";
        while (true) {
            String from = after;
            List<UUID> page = jdbc.query("SELECT dog_id FROM gallery_dog WHERE vocabulary_version = ? AND dog_id > ? "
                    + "ORDER BY dog_id LIMIT 10000", ps -> {
                ps.setString(1, version);
                ps.setString(2, from);
            }, rs -> {
                List<UUID> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(UUID.fromString(rs.getString(1)));
                }
                return ids;
            });
            out.addAll(page);
            if (page.size() < 10000) {
                return out;
            }
            after = page.getLast().toString();
        }
    }

    /** The complete version's calibration; workers start loading it. */
    public void ready(String name, double inlierThreshold, VerificationModel verifier, double estimatedFar, int dogs,
                      int photos) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE matcher_version SET state = 'READY', "
                    + "inlier_threshold = ?, verifier = ?, estimated_far = ?, dogs = ?, photos = ? WHERE version = ? "
                    + "AND state = 'BUILDING'")) {
                ps.setDouble(1, inlierThreshold);
                ps.setBytes(2, verifier == null ? null : verifier.encode());
                ps.setDouble(3, estimatedFar);
                ps.setInt(4, dogs);
                ps.setInt(5, photos);
                ps.setString(6, name);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("matcher version " + name + " is not being built");
                }
            }
            return null;
        });
    }

    /**
     * The switch, in one transaction: every version row locked (enrolments wait), the dogs still missing from the new
     * version indexed by {@code reconciler}, the rows of dogs deleted meanwhile dropped, the active version becomes
     * PREVIOUS, the one before it RETIRED (its rows deleted), the new one ACTIVE.
     */
    public void activate(String name, Reconciler reconciler) {
        jdbc.inTransaction(c -> {
            String active = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT version, state FROM matcher_version FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if ("ACTIVE".equals(rs.getString(2))) {
                        active = rs.getString(1);
                    }
                }
            }
            if (name.equals(active)) {
                return null;
            }
            List<UUID> missing = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT p.dog_id FROM gallery_photo p "
                    + "WHERE NOT EXISTS (SELECT 1 FROM gallery_dog d WHERE d.dog_id = p.dog_id "
                    + "AND d.vocabulary_version = ?)")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        missing.add(UUID.fromString(rs.getString(1)));
                    }
                }
            }
            if (!missing.isEmpty()) {
                for (GalleryStore.IndexEntry e : reconciler.indexMissing(missing)) {
                    JdbcGalleryStore.insertIndexRow(c, e);
                }
            }
            update(c, "DELETE d FROM gallery_dog d WHERE d.vocabulary_version = ? AND NOT EXISTS "
                    + "(SELECT 1 FROM gallery_photo p WHERE p.dog_id = d.dog_id)", name);
            update(c, "DELETE d FROM gallery_dog d JOIN matcher_version v ON v.version = d.vocabulary_version "
                    + "WHERE v.state = 'PREVIOUS'", null);
            update(c, "UPDATE matcher_version SET state = 'RETIRED' WHERE state = 'PREVIOUS'", null);
            update(c, "UPDATE matcher_version SET state = 'PREVIOUS' WHERE state = 'ACTIVE'", null);
            update(c, "UPDATE matcher_version SET state = 'ACTIVE', activated_at = CURRENT_TIMESTAMP(3) "
                    + "WHERE version = ?", name);
            return null;
        });
    }

    /** An adaptation that cannot finish: the version is marked FAILED and its rows deleted. */
    public void discard(String name) {
        jdbc.inTransaction(c -> {
            update(c, "UPDATE matcher_version SET state = 'FAILED' WHERE version = ? AND state IN ('BUILDING', "
                    + "'READY')", name);
            update(c, "DELETE d FROM gallery_dog d JOIN matcher_version v ON v.version = d.vocabulary_version "
                    + "WHERE v.version = ? AND v.state = 'FAILED'", name);
            return null;
        });
    }

    private static void update(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            ps.executeUpdate();
        }
    }
}
