package dev.netpilot.api.auth;

import dev.netpilot.api.ApiConfig;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key configuration is checked at startup; each mistake stops the service with a message saying what to fix. */
class ApiKeysTest {

    private static ApiConfig.NamedKey named(String key, String... scopes) {
        return new ApiConfig.NamedKey() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public List<String> scopes() {
                return List.of(scopes);
            }
        };
    }

    private static String failure(Optional<String> single, Map<String, ApiConfig.NamedKey> named) {
        return assertThrows(IllegalStateException.class, () -> new ApiKeys(single, named)).getMessage();
    }

    @Test
    void noKeyAtAllStopsTheService() {
        String message = failure(Optional.empty(), Map.of());
        assertTrue(message.contains("no API key is configured") && message.contains("NP_API_KEY"), message);
    }

    @Test
    void anUnknownScopeIsNamed() {
        String message = failure(Optional.empty(), Map.of("ops", named("k1", "read", "root")));
        assertTrue(message.contains("np.api.keys.\"ops\".scopes") && message.contains("'root'")
                && message.contains("read, exec, config, admin"), message);
    }

    @Test
    void emptyValuesAndScopesAreRefused() {
        assertTrue(failure(Optional.empty(), Map.of("ops", named(" ", "read"))).contains("is empty"));
        assertTrue(failure(Optional.empty(), Map.of("ops", named("k1"))).contains("scopes is empty"));
    }

    @Test
    void twoKeysWithOneValueAreRefused() {
        Map<String, ApiConfig.NamedKey> keys = new LinkedHashMap<>();
        keys.put("a", named("same", "read"));
        keys.put("b", named("same", "exec"));
        assertTrue(failure(Optional.empty(), keys).contains("have the same value"));
        assertTrue(failure(Optional.of("same"), Map.of("a", named("same", "read"))).contains("same value"));
    }

    @Test
    void theSingleKeyHasEveryScopeAndNamedKeysTheirOwn() {
        ApiKeys keys = new ApiKeys(Optional.of("legacy"), Map.of("ops", named("k1", "read", " exec ")));
        Caller legacy = keys.identify("legacy").orElseThrow();
        assertEquals(ApiKeys.DEFAULT_NAME, legacy.name());
        assertEquals(EnumSet.allOf(Scope.class), legacy.scopes());
        Caller ops = keys.identify("k1").orElseThrow();
        assertEquals("ops", ops.name());
        assertTrue(ops.has(Scope.EXEC) && !ops.has(Scope.CONFIG) && !ops.has(Scope.ADMIN));
        assertTrue(keys.identify("k").isEmpty() && keys.identify("k1 ").isEmpty() && keys.identify("").isEmpty());
    }

    @Test
    void namedKeysAloneAreEnough() {
        ApiKeys keys = new ApiKeys(Optional.empty(), Map.of("boss", named("k2", "admin")));
        Caller boss = keys.identify("k2").orElseThrow();
        assertTrue(boss.has(Scope.READ) && boss.has(Scope.EXEC) && boss.has(Scope.CONFIG), "admin implies all");
    }
}
