package io.noseid.gateway.job;

import io.noseid.shared.JobStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The durable record of a job; Redis holds its live copy. */
@Entity
@Table(name = "job")
public class JobEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    public JobKind type;

    @Enumerated(EnumType.STRING)
    public JobStatus status;

    public double progress;

    @Column(name = "planned_dog_id")
    public String plannedDogId;

    /** Registration: the validated form fields, kept until the worker answered. */
    @Column(name = "request_json")
    public String requestJson;

    /** The contract's {@code result} object, as sent to clients. */
    @Column(name = "result_json")
    public String resultJson;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_detail")
    public String errorDetail;

    /**
     * A job of a kind that runs one at a time holds its kind here while it is not final (a unique column: the
     * database refuses a second one); null for every other job and once the job ended.
     */
    @Column(name = "exclusive_slot")
    public String exclusiveSlot;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
