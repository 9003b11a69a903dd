package io.noseid.gateway.matcher;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A matcher version an adaptation built, as its worker answered; one row per successful adaptation job. */
@Entity
@Table(name = "matcher_adaptation")
public class MatcherAdaptationEntity extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public String jobId;

    @Column(name = "matcher_version")
    public String matcherVersion;

    /** Enrolled dogs the version was learned from. */
    public int dogs;

    public int photos;

    public double threshold;

    @Column(name = "estimated_far")
    public double estimatedFar;

    @Column(name = "adapted_at")
    public Instant adaptedAt;

    /** The most recent successful adaptation, if any. */
    public static Optional<MatcherAdaptationEntity> latest() {
        return find("order by adaptedAt desc, jobId desc").firstResultOptional();
    }
}
