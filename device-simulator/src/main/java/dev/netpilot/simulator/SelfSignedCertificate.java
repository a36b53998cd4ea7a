package dev.netpilot.simulator;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed EC P-256 certificate for {@code localhost} and {@code 127.0.0.1}, made in memory at start, as a
 * freshly booted switch makes its own. The JDK has no public API to issue certificates, so the few DER structures
 * of an X.509 v3 certificate are written here.
 */
final class SelfSignedCertificate {

    private static final byte[] ECDSA_WITH_SHA256 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] SUBJECT_ALT_NAME = {0x55, 0x1d, 0x11};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A new key and a certificate valid from a day ago for ten years. */
    static SelfSignedCertificate generate(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] algorithm = der(0x30, der(0x06, ECDSA_WITH_SHA256));
            byte[] name = der(0x30, der(0x31, der(0x30, der(0x06, COMMON_NAME),
                    der(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
            byte[] altNames = der(0x30, der(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    der(0x87, new byte[] {127, 0, 0, 1}));
            byte[] extensions = der(0xa3, der(0x30, der(0x30, der(0x06, SUBJECT_ALT_NAME), der(0x04, altNames))));
            byte[] tbs = der(0x30,
                    der(0xa0, der(0x02, new byte[] {2})),                       // version 3
                    der(0x02, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
                    algorithm, name,
                    der(0x30, time(now.minusDays(1)), time(now.plusYears(10))),
                    name,
                    keys.getPublic().getEncoded(),                              // SubjectPublicKeyInfo, DER already
                    extensions);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1];                      // no unused bits
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] encoded = der(0x30, tbs, algorithm, der(0x03, bits));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(encoded));
            return new SelfSignedCertificate(keys, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM form, to trust it on the client side ({@code ca_file}). */
    String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context that presents this certificate. */
    SSLContext serverContext() {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("device", keyPair.getPrivate(), password, new X509Certificate[] {certificate});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static byte[] time(ZonedDateTime at) {
        return der(0x17, at.format(UTC_TIME).getBytes(StandardCharsets.US_ASCII));
    }

    /** One DER element: tag, definite length, and the concatenated contents. */
    private static byte[] der(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : contents) {
            body.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int skip = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - skip));
            out.write(bytes, skip, bytes.length - skip);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
