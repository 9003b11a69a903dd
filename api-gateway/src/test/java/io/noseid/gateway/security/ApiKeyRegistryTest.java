package io.noseid.gateway.security;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyRegistryTest {

    private static String hash(String key) {
        return HexFormat.of().formatHex(ApiKeyRegistry.sha256(key));
    }

    @Test
    void configuredHashesWithRoles() {
        ApiKeyRegistry registry = new ApiKeyRegistry(
                hash("client-secret") + ":client, " + hash("admin-secret").toUpperCase() + ":admin", false, null, null);
        assertEquals(ApiRole.CLIENT, registry.lookup("client-secret").orElseThrow().role());
        assertEquals(ApiRole.ADMIN, registry.lookup("admin-secret").orElseThrow().role());
        assertTrue(registry.lookup("other").isEmpty());
        assertTrue(registry.lookup(hash("client-secret")).isEmpty(), "the hash itself is not a key");
        assertTrue(registry.lookup(null).isEmpty());
    }

    @Test
    void devKeysOnlyWhenAllowed() {
        assertTrue(new ApiKeyRegistry("", false, "dev-admin-key", "dev-client-key").lookup("dev-admin-key").isEmpty());
        ApiKeyRegistry dev = new ApiKeyRegistry("", true, "dev-admin-key", "dev-client-key");
        assertEquals(ApiRole.ADMIN, dev.lookup("dev-admin-key").orElseThrow().role());
        assertEquals(ApiRole.CLIENT, dev.lookup("dev-client-key").orElseThrow().role());
    }

    @Test
    void prodNeverAllowsDevKeys() {
        assertTrue(ApiKeyRegistry.devKeysAllowed(List.of("dev")));
        assertTrue(ApiKeyRegistry.devKeysAllowed(List.of("test")));
        assertFalse(ApiKeyRegistry.devKeysAllowed(List.of("prod")));
        assertFalse(ApiKeyRegistry.devKeysAllowed(List.of("prod", "dev")));
        assertFalse(ApiKeyRegistry.devKeysAllowed(List.of("staging")));
    }

    @Test
    void malformedConfigurationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ApiKeyRegistry("abc:client", false, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ApiKeyRegistry(hash("x") + ":root", false, null, null));
    }
}
