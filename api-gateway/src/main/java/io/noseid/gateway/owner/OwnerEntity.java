package io.noseid.gateway.owner;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** One owner per normalised phone number; an owner may have several dogs. */
@Entity
@Table(name = "owner")
public class OwnerEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    /** Digits only. */
    public String phone;

    public String email;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<OwnerEntity> findByPhone(String normalisedPhone) {
        return find("phone", normalisedPhone).firstResultOptional();
    }
}
