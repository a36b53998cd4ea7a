package dev.netpilot.job;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Masking of what leaves the executor: secret keys at any depth and the job's own secret values in text. */
class SecretsTest {

    @Test
    void secretKeysAreMaskedAtAnyDepthAndSecretValuesInText() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("host", "r1");
        args.put("password", "Pw-91ab");
        args.put("secret", "En-22cd");
        args.put("proxy_password", "Px-33ef");
        args.put("username", "admin");
        List<String> values = Secrets.valuesIn(args);
        assertEquals(3, values.size());

        CommandResult entry = new CommandResult("show run", "enable secret En-22cd\nusername admin password Pw-91ab",
                "", 0, null, Map.of("host", "r1", "login", Map.of("token", "Tk-44aa", "user", "admin")),
                List.of(Map.of("api_key", "Ak-55bb", "name", "x")));
        JsonNode masked = Secrets.mask(JobResult.successful(List.of(entry)), values);
        String text = masked.toString();
        for (String secret : List.of("Pw-91ab", "En-22cd", "Tk-44aa", "Ak-55bb")) {
            assertFalse(text.contains(secret), text);
        }
        assertEquals("enable secret ******\nusername admin password ******", masked.at("/retval/0/stdout").asText());
        assertEquals("admin", masked.at("/retval/0/metadata/login/user").asText());
        assertEquals(Secrets.MASK, masked.at("/retval/0/parsed/0/api_key").asText());
        assertEquals("x", masked.at("/retval/0/parsed/0/name").asText());
    }

    @Test
    void keyNamesAreRecognisedLoosely() {
        assertTrue(Secrets.isSecretKey("Sudo-Password"));
        assertTrue(Secrets.isSecretKey("vault_token"));
        assertTrue(Secrets.isSecretKey("enable_secret"));
        assertFalse(Secrets.isSecretKey("username"));
        assertFalse(Secrets.isSecretKey("host"));
    }
}
