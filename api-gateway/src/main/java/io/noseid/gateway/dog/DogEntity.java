package io.noseid.gateway.dog;

import io.noseid.gateway.owner.OwnerEntity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "dog")
public class DogEntity extends PanacheEntityBase {

    /** The id the gateway planned for the registration job; the worker enrols the templates under it. */
    @Id
    public String id;

    @Column(name = "registration_number")
    public String registrationNumber;

    public String name;
    public String breed;

    @Column(name = "birth_year")
    public Integer birthYear;

    public String sex;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "owner_id")
    public OwnerEntity owner;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<DogEntity> findByRegistrationNumber(String number) {
        return find("registrationNumber", number).firstResultOptional();
    }

    public static long countByOwner(OwnerEntity owner) {
        return count("owner", owner);
    }
}
