package dev.netpilot.driver.eapi;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException.InvalidArgumentException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Where a device's eAPI answers and how to reach it, read from {@code connection_args}: {@code transport}
 * ({@code https}, the default, or {@code http}), {@code port} (443 or 80), the TLS settings and the timeouts.
 * {@link #toString()} never shows the password or secret.
 *
 * @param tls       HTTPS (true) or plain HTTP
 * @param tlsClient how the TLS side is set up (shared by every device with the same settings)
 * @param timeout   the longest one request may take, connecting included ({@code timeout}, default 60 s)
 */
record EapiTarget(String host, int port, boolean tls, TlsClient tlsClient, Duration timeout, String username,
                  String password, String secret) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The settings of one shared HTTP client.
     *
     * @param verify   check the device's certificate and name ({@code tls_verify}, default true)
     * @param caFile   PEM file of the CAs to trust instead of the JVM's ({@code ca_file}), or null
     * @param certFile PEM client certificate ({@code cert_file}), or null
     * @param keyFile  PEM private key of {@code certFile} ({@code key_file}), or null
     */
    record TlsClient(boolean tls, boolean verify, String caFile, String certFile, String keyFile,
                     Duration connectTimeout) {
    }

    /** @throws InvalidArgumentException naming the connection argument to fix */
    static EapiTarget from(ConnectionSpec spec) {
        Map<String, Object> args = spec.args();
        String transport = args.get("transport") == null ? "https"
                : args.get("transport").toString().trim().toLowerCase(Locale.ROOT);
        boolean tls = switch (transport) {
            case "https", "https_certs" -> true;
            case "http" -> false;
            default -> throw new InvalidArgumentException("connection_args.transport must be 'https' (the default) or "
                    + "'http', got '" + args.get("transport") + "' (socket and http_local work only on the switch itself)");
        };
        int port = args.get("port") == null ? (tls ? 443 : 80) : spec.port();
        if (spec.username() == null || spec.username().isBlank() || spec.password() == null) {
            throw new InvalidArgumentException("connection_args.username and connection_args.password are required: "
                    + "eAPI logs in with HTTP basic authentication on every request");
        }
        String caFile = file(args, "ca_file");
        String certFile = file(args, "cert_file");
        String keyFile = file(args, "key_file");
        if ((certFile == null) != (keyFile == null)) {
            throw new InvalidArgumentException("connection_args.cert_file and connection_args.key_file go together "
                    + "(a client certificate and its private key, PEM); give both or neither");
        }
        if (transport.equals("https_certs") && certFile == null) {
            throw new InvalidArgumentException("transport 'https_certs' needs connection_args.cert_file and key_file");
        }
        if (!tls && (caFile != null || certFile != null)) {
            throw new InvalidArgumentException("ca_file, cert_file and key_file need transport 'https'");
        }
        boolean verify = flag(args, "tls_verify", true);
        Duration timeout = ConnectionSpec.seconds(args, "timeout", DEFAULT_TIMEOUT);
        return new EapiTarget(spec.host(), port, tls,
                new TlsClient(tls, verify, caFile, certFile, keyFile, spec.connectTimeout()), timeout,
                spec.username(), spec.password(), spec.secret());
    }

    /** {@code https://host:port}, the way errors name the device. */
    String address() {
        return (tls ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "EapiTarget[" + username + "@" + address() + ", verify=" + tlsClient.verify() + "]";
    }

    private static String file(Map<String, Object> args, String key) {
        Object value = args.get(key);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String path = value.toString();
        if (!Files.isReadable(Path.of(path))) {
            throw new InvalidArgumentException("connection_args." + key + " '" + path
                    + "' is not a readable file on the executor (PEM expected)");
        }
        return path;
    }

    private static boolean flag(Map<String, Object> args, String key, boolean fallback) {
        Object value = args.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidArgumentException("connection_args." + key + " must be true or false, got '"
                    + value + "'");
        };
    }

}
