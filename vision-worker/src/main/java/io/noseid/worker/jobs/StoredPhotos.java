package io.noseid.worker.jobs;

import io.noseid.shared.PhotoRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the photos the gateway stored (table {@code photo}) before it queued the job. */
@ApplicationScoped
public class StoredPhotos implements JobHandler.PhotoSource {

    @Inject
    DataSource dataSource;

    @Override
    public byte[] load(PhotoRef photo) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT data FROM photo WHERE id = ?")) {
            statement.setLong(1, photo.photoId());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new MissingPhotoException(photo.photoId());
                }
                return rows.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read photo " + photo.photoId(), e);
        }
    }

    /** The photo row is gone: the job cannot be done, retrying will not help. */
    public static final class MissingPhotoException extends RuntimeException {
        MissingPhotoException(long photoId) {
            super("Photo " + photoId + " is no longer stored");
        }
    }
}
