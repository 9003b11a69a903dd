package io.noseid.gateway.owner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

@ApplicationScoped
public class OwnerService {

    /** Finds the owner of this phone number and refreshes name and e-mail, or creates them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OwnerEntity upsert(String name, String phone, String email, Instant now) {
        String normalised = Contacts.normalisePhone(phone);
        OwnerEntity owner = OwnerEntity.findByPhone(normalised).orElse(null);
        if (owner == null) {
            owner = new OwnerEntity();
            owner.phone = normalised;
            owner.createdAt = now;
        }
        owner.name = name;
        if (email != null && !email.isBlank()) {
            owner.email = email;
        }
        owner.persist();
        return owner;
    }
}
