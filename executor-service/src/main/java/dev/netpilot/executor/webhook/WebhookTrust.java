package dev.netpilot.executor.webhook;

import io.vertx.core.net.TrustOptions;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * The certificate authorities HTTPS webhook receivers may chain to: the JVM's own, plus those of
 * {@code np.webhook.ca-file} (PEM) for receivers behind a private CA. Host names are verified either way.
 */
final class WebhookTrust {

    private WebhookTrust() {
    }

    /**
     * The JVM's authorities and the certificates in {@code caFile}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it (missing, unreadable, no
     *                                  certificate in it)
     */
    static TrustOptions withCaFile(Path caFile) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (X509Certificate authority : jvmAuthorities()) {
                store.setCertificateEntry("jvm-" + n++, authority);
            }
            Collection<? extends Certificate> added;
            try (InputStream in = Files.newInputStream(caFile)) {
                added = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (added.isEmpty()) {
                throw new IllegalArgumentException("np.webhook.ca-file " + caFile + " holds no PEM certificate");
            }
            for (Certificate certificate : added) {
                store.setCertificateEntry("ca-file-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return TrustOptions.wrap(factory);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("np.webhook.ca-file " + caFile + " does not exist");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("np.webhook.ca-file " + caFile + " cannot be read as PEM certificates: "
                    + e.getMessage());
        }
    }

    private static X509Certificate[] jvmAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
