package dev.netpilot.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

/** The simulator's SSH host key. */
final class HostKeys {

    private static KeyPair generated;
    private static KeyPair generatedRsa;

    private HostKeys() {
    }

    /**
     * An EC P-256 key made once per process and kept in memory only: P-256 signs fast, which keeps the
     * handshake cheap when thousands of sessions connect, and writing no file keeps tests side-effect free.
     */
    static synchronized KeyPair generated() {
        if (generated == null) {
            generated = newEc();
        }
        return generated;
    }

    /** An RSA key made once per process, for devices that speak only legacy SSH ({@code ssh-rsa} host keys). */
    static synchronized KeyPair generatedRsa() {
        if (generatedRsa == null) {
            generatedRsa = newRsa();
        }
        return generatedRsa;
    }

    /** A fresh EC P-256 key. */
    static KeyPair newEc() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate EC P-256 keys", e);
        }
    }

    /** A fresh RSA 2048 key. */
    static KeyPair newRsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
    }

    /** Loads host keys from an unencrypted OpenSSH or PEM private key file. */
    static List<KeyPair> load(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("host key file " + file + " does not exist or is not readable");
        }
        List<KeyPair> keys = new ArrayList<>();
        try {
            new FileKeyPairProvider(file).loadKeys(null).forEach(keys::add);
        } catch (RuntimeException e) {
            throw new IOException("cannot read host key file " + file + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            // MINA skips key types it has no provider for: Ed25519 needs net.i2p eddsa or BouncyCastle
            throw new IOException("host key file " + file + " holds no usable private key:"
                    + " use an unencrypted ECDSA or RSA key (Ed25519 needs an EdDSA provider on the class path)");
        }
        return keys;
    }
}
