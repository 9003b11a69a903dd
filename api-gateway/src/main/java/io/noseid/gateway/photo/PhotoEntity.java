package io.noseid.gateway.photo;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.time.Instant;

/** A stored photo; the worker reads {@code data} and {@code content_type} by id with plain JDBC. */
@Entity
@Table(name = "photo")
public class PhotoEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_id")
    public String jobId;

    @Column(name = "dog_id")
    public String dogId;

    @Column(name = "idx")
    public int index;

    @Enumerated(EnumType.STRING)
    public PhotoKind kind;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes")
    public long sizeBytes;

    public int width;
    public int height;
    public String sha256;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(columnDefinition = "LONGBLOB")
    public byte[] data;

    @Column(name = "created_at")
    public Instant createdAt;

    public static long deleteByJob(String jobId) {
        return delete("jobId = ?1 and dogId is null", jobId);
    }

    public static long deleteByDog(String dogId) {
        return delete("dogId", dogId);
    }

    public static int attachToDog(String jobId, String dogId) {
        return update("dogId = ?1 where jobId = ?2", dogId, jobId);
    }
}
