package io.noseid.gateway.security;

import io.noseid.gateway.config.NoseIdConfig;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The configured API keys, kept only as SHA-256 hashes. Lookup compares the hash of the presented key with every
 * configured hash in constant time, so the answer time does not reveal how much of a hash matched.
 */
@ApplicationScoped
public class ApiKeyRegistry {

    private static final Logger LOG = Logger.getLogger(ApiKeyRegistry.class);

    /** A known key: its hash (also the rate-limit bucket id) and its role. */
    public record KeyEntry(byte[] hash, String id, ApiRole role) {
    }

    private final List<KeyEntry> keys;

    @Inject
    public ApiKeyRegistry(NoseIdConfig config) {
        this(config.apiKeys().orElse(""), devKeysAllowed(ConfigUtils.getProfiles()),
                config.devApiKey().orElse(null), config.devClientKey().orElse(null));
    }

    ApiKeyRegistry(String configured, boolean devKeysAllowed, String devAdminKey, String devClientKey) {
        List<KeyEntry> entries = new ArrayList<>();
        for (String item : configured.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("noseid.api-keys entries must be <sha256-hex>:<role>");
            }
            String hex = trimmed.substring(0, colon).trim().toLowerCase();
            byte[] hash = HexFormat.of().parseHex(hex);
            if (hash.length != 32) {
                throw new IllegalArgumentException("noseid.api-keys: a key hash must be 64 hex digits (SHA-256)");
            }
            entries.add(new KeyEntry(hash, hex, ApiRole.parse(trimmed.substring(colon + 1))));
        }
        if (devKeysAllowed) {
            addDevKey(entries, devAdminKey, ApiRole.ADMIN);
            addDevKey(entries, devClientKey, ApiRole.CLIENT);
        }
        this.keys = List.copyOf(entries);
        if (keys.isEmpty()) {
            LOG.warn("No API keys configured (NOSEID_API_KEYS): every /api/v1 call will be refused");
        }
    }

    static boolean devKeysAllowed(List<String> profiles) {
        return !profiles.contains("prod") && (profiles.contains("dev") || profiles.contains("test"));
    }

    private static void addDevKey(List<KeyEntry> entries, String key, ApiRole role) {
        if (key != null && !key.isBlank()) {
            byte[] hash = sha256(key);
            entries.add(new KeyEntry(hash, HexFormat.of().formatHex(hash), role));
        }
    }

    public Optional<KeyEntry> lookup(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presentedKey);
        KeyEntry found = null;
        for (KeyEntry entry : keys) {
            // no early exit: every entry is compared
            if (MessageDigest.isEqual(entry.hash(), hash) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
