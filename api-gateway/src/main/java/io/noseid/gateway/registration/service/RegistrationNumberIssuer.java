package io.noseid.gateway.registration.service;

import io.noseid.gateway.config.NoseIdConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Issues registration numbers. The primary key of {@code issued_registration_number} is the uniqueness guarantee:
 * {@code INSERT IGNORE} reserves a number atomically (also across gateway replicas) and a number stays reserved after
 * its dog was deleted, so it is never reused.
 */
@ApplicationScoped
public class RegistrationNumberIssuer {

    private final EntityManager em;
    private final NoseIdConfig config;

    public RegistrationNumberIssuer(EntityManager em, NoseIdConfig config) {
        this.em = em;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(Instant when, String dogName, String phone) {
        String base = RegistrationNumbers.base(when, config.registration().zone(), dogName, phone);
        return RegistrationNumbers.firstFree(base, this::reserve);
    }

    private boolean reserve(String number) {
        return em.createNativeQuery("INSERT IGNORE INTO issued_registration_number (number, issued_at) VALUES (?1, ?2)")
                .setParameter(1, number)
                .setParameter(2, java.sql.Timestamp.from(Instant.now()))
                .executeUpdate() == 1;
    }
}
