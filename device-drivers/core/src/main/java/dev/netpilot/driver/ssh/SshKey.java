package dev.netpilot.driver.ssh;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException.InvalidArgumentException;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A private key to log in with: given as text ({@code pkey}: PEM or OpenSSH format, RSA, ECDSA or Ed25519) and/or
 * as a path on the executor ({@code key_file} / {@code key_filename}), with the {@code passphrase} of an encrypted
 * key. {@link #toString()} shows neither the key nor the passphrase, and no error message quotes them.
 *
 * @param argPrefix how the arguments are named in errors: {@code ""} for the device, {@code "proxy_"} for a jump host
 */
public record SshKey(String pkey, String keyFile, String passphrase, String argPrefix) {

    /** Decrypting an OpenSSH key runs bcrypt (tens of ms): decoded keys are kept, by a digest of text + passphrase. */
    private static final Map<String, List<KeyPair>> DECODED = new ConcurrentHashMap<>();
    private static final int MAX_DECODED = 256;

    /** Reads {@code <prefix>pkey}, the key file ({@code <prefix>key_filename} or netmiko's {@code key_file}) and {@code <prefix>passphrase}. */
    static SshKey from(Map<String, Object> args, String prefix) {
        String pkey = blankToNull(ConnectionSpec.string(args, prefix + "pkey"));
        String file = blankToNull(ConnectionSpec.string(args, prefix + "key_filename"));
        if (file == null && prefix.isEmpty()) {
            file = blankToNull(ConnectionSpec.string(args, "key_file"));
        }
        String passphrase = ConnectionSpec.string(args, prefix + "passphrase");
        return pkey == null && file == null ? null : new SshKey(pkey, file, passphrase, prefix);
    }

    /**
     * The key pairs to offer, {@code pkey}'s first. Reads the file and may run a slow KDF: call it off the I/O
     * threads.
     *
     * @throws InvalidArgumentException when a key cannot be read or decrypted, saying which argument to fix
     */
    public List<KeyPair> decode() {
        List<KeyPair> pairs = new ArrayList<>();
        if (pkey != null) {
            pairs.addAll(decode(pkey.getBytes(StandardCharsets.UTF_8), "connection_args." + argPrefix + "pkey"));
        }
        if (keyFile != null) {
            String name = "connection_args." + argPrefix + (argPrefix.isEmpty() ? "key_file" : "key_filename");
            byte[] text;
            try {
                text = Files.readAllBytes(Path.of(keyFile));
            } catch (IOException | InvalidPathException | SecurityException e) {
                throw new InvalidArgumentException(name + ": cannot read '" + keyFile + "' on the executor ("
                        + e.getClass().getSimpleName() + "); the path must name a private key file the executor can read");
            }
            pairs.addAll(decode(text, name + " '" + keyFile + "'"));
        }
        return pairs;
    }

    private List<KeyPair> decode(byte[] text, String what) {
        String digest = digest(text);
        List<KeyPair> cached = DECODED.get(digest);
        if (cached != null) {
            return cached;
        }
        boolean[] asked = {false};
        FilePasswordProvider passwords = (session, resource, index) -> {
            asked[0] = true;
            return passphrase;
        };
        List<KeyPair> pairs = new ArrayList<>();
        String passphraseArg = "connection_args." + argPrefix + "passphrase";
        try {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(what),
                    new ByteArrayInputStream(text), passwords);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (asked[0] && passphrase == null) {
                throw new InvalidArgumentException(what + " is encrypted: give its passphrase in " + passphraseArg);
            }
            if (asked[0]) {
                throw new InvalidArgumentException("cannot decrypt " + what + ": wrong passphrase? (" + passphraseArg + ")");
            }
            throw new InvalidArgumentException(what + " is not a private key this executor can read: use an unencrypted "
                    + "or passphrase-protected RSA, ECDSA or Ed25519 key in OpenSSH or PEM format");
        }
        if (pairs.isEmpty()) {
            throw new InvalidArgumentException(what + " holds no private key: use an RSA, ECDSA or Ed25519 key in "
                    + "OpenSSH (-----BEGIN OPENSSH PRIVATE KEY-----) or PEM format");
        }
        if (DECODED.size() >= MAX_DECODED) {
            DECODED.clear();
        }
        List<KeyPair> result = List.copyOf(pairs);
        DECODED.put(digest, result);
        return result;
    }

    private String digest(byte[] text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(text);
            sha.update((byte) 0);
            if (passphrase != null) {
                sha.update(passphrase.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "SshKey[" + (pkey != null ? "pkey" : "") + (pkey != null && keyFile != null ? ", " : "")
                + (keyFile != null ? "file " + keyFile : "") + (passphrase != null ? ", with passphrase" : "") + "]";
    }
}
