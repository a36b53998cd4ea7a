package dev.netpilot.api.knownhost;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A device's SSH host key as the executors recorded it (trust on first use).
 *
 * @param address     {@code host:port}
 * @param keyType     e.g. {@code ecdsa-sha2-nistp256}
 * @param fingerprint SHA256 fingerprint, as {@code ssh-keygen -l} prints it
 * @param publicKey   the OpenSSH public-key line
 */
public record KnownHost(String address, @JsonProperty("key_type") String keyType, String fingerprint,
                        @JsonProperty("public_key") String publicKey) {

    /** The entry of {@code address} whose stored value is {@code publicKey}. */
    static KnownHost of(String address, String publicKey) {
        String[] parts = publicKey.trim().split("\\s+");
        String fingerprint = null;
        if (parts.length >= 2) {
            try {
                byte[] blob = Base64.getDecoder().decode(parts[1].getBytes(StandardCharsets.US_ASCII));
                fingerprint = "SHA256:" + Base64.getEncoder().withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
            } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
                fingerprint = null; // not a key line: shown without a fingerprint, and can be forgotten
            }
        }
        return new KnownHost(address, parts[0], fingerprint, publicKey);
    }
}
