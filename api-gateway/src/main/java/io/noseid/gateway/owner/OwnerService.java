package io.noseid.gateway.owner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

@ApplicationScoped
public class OwnerService {

    /**
     * The owner of this phone number as stored, or a new owner with these details. A stored owner is never changed:
     * anyone can type someone else's phone number, and a registration must not let them rename its owner or redirect
     * its e-mail.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OwnerEntity findOrCreate(String name, String phone, String email, Instant now) {
        String normalised = Contacts.normalisePhone(phone);
        return OwnerEntity.findByPhone(normalised).orElseGet(() -> {
            OwnerEntity owner = new OwnerEntity();
            owner.phone = normalised;
            owner.createdAt = now;
            owner.name = name;
            owner.email = email == null || email.isBlank() ? null : email;
            owner.persist();
            return owner;
        });
    }
}
