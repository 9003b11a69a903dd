package io.noseid.gateway.messaging;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A job message not yet confirmed by the broker (see {@link Outbox}). */
@Entity
@Table(name = "outbox")
public class OutboxEntity extends PanacheEntityBase {

    /** The message id: the job's id, or the removal's. */
    @Id
    @Column(name = "message_id")
    public String messageId;

    @Column(name = "job_type")
    public String jobType;

    /** The JobRequest as JSON, exactly as it is published. */
    public String payload;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "created_at")
    public Instant createdAt;
}
