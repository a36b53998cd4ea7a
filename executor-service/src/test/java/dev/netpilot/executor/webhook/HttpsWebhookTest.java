package dev.netpilot.executor.webhook;

import dev.netpilot.job.WebhookRequest;
import dev.netpilot.plugin.PluginConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code basic} caller against real HTTPS receivers whose certificates come from no public authority: refused
 * unless {@code np.webhook.ca-file} lists them, and refused when they name another host.
 */
class HttpsWebhookTest {

    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static HttpServer receiver;
    private static HttpServer impostor;
    private static Path caFile;
    private static final AtomicInteger CALLS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path receiverStore = keyPair("receiver", "ip:127.0.0.1");
        Path impostorStore = keyPair("impostor", "dns:hooks.elsewhere.example");
        caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, certificate("receiver", receiverStore) + certificate("impostor", impostorStore));
        receiver = listen(receiverStore);
        impostor = listen(impostorStore);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A self-signed key pair for {@code san} in a PKCS12 file, made with the JDK's keytool. */
    private static Path keyPair(String alias, String san) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        return store;
    }

    private static String certificate(String alias, Path store) throws Exception {
        Path pem = dir.resolve(alias + ".pem");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        return Files.readString(pem);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }

    private static HttpServer listen(Path store) throws Exception {
        return vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                        .setKeyCertOptions(new PfxOptions().setPath(store.toString()).setPassword("changeit")))
                .requestHandler(request -> {
                    CALLS.incrementAndGet();
                    request.response().setStatusCode(204).end();
                })
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The caller as an executor sets it up, with {@code np.webhook.ca-file} set to {@code caFile} if present. */
    private static BasicWebhookCaller caller(Optional<Path> caFile) {
        BasicWebhookCaller caller = new BasicWebhookCaller();
        caller.configure(PluginConfig.of(caFile.map(path -> Map.of(BasicWebhookCaller.CA_FILE, path.toString()))
                .orElse(Map.of())));
        caller.init(vertx);
        return caller;
    }

    private static void call(Optional<Path> caFile, String url) throws Exception {
        BasicWebhookCaller caller = caller(caFile);
        WebhookRequest webhook = new WebhookRequest(null, url, null, null, null, null, 5.0, null, null, null);
        Delivery delivery = new Delivery("d-1", "job.completed", "job-1", webhook, "{\"id\":\"job-1\"}", 0, null);
        caller.call(webhook, WebhookDeliveries.message(delivery, Instant.now())).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private static WebhookFailedException refused(Optional<Path> caFile, String url) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> call(caFile, url));
        return assertInstanceOf(WebhookFailedException.class, failure.getCause());
    }

    @Test
    void aReceiverWithAPrivateCertificateIsCalledOnceItsAuthorityIsGiven() throws Exception {
        String url = "https://127.0.0.1:" + receiver.actualPort() + "/hook";
        int before = CALLS.get();
        WebhookFailedException failure = refused(Optional.empty(), url);
        assertTrue(failure.getMessage().contains("SSLHandshakeException")
                && failure.getMessage().contains("certification path"), failure.getMessage());
        assertEquals(before, CALLS.get(), "no request reaches an untrusted receiver");

        call(Optional.of(caFile), url);
        assertEquals(before + 1, CALLS.get());
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() {
        int before = CALLS.get();
        WebhookFailedException failure = refused(Optional.of(caFile),
                "https://127.0.0.1:" + impostor.actualPort() + "/hook");
        assertTrue(failure.getMessage().contains("SSLHandshakeException")
                && failure.getMessage().contains("No subject alternative names matching IP address 127.0.0.1"),
                failure.getMessage());
        assertEquals(before, CALLS.get());
    }

    @Test
    void aCaFileThatCannotBeUsedIsNamed() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertEquals("np.webhook.ca-file " + missing + " does not exist",
                assertThrows(IllegalArgumentException.class, () -> caller(Optional.of(missing))).getMessage());
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertEquals("np.webhook.ca-file " + empty + " holds no PEM certificate",
                assertThrows(IllegalArgumentException.class, () -> caller(Optional.of(empty))).getMessage());
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        String message = assertThrows(IllegalArgumentException.class, () -> caller(Optional.of(garbage))).getMessage();
        assertTrue(message.startsWith("np.webhook.ca-file " + garbage + " cannot be read as PEM certificates: "),
                message);
    }
}
