package dev.netpilot.api.template;

import dev.netpilot.api.EmbeddedRedis;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static dev.netpilot.api.template.TemplateEndpointsTest.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** file:// stays inside np.templates.dir (src/test/resources/templates); http(s) only from localhost (the test profile). */
@QuarkusTest
@QuarkusTestResource(EmbeddedRedis.class)
class TemplateSourcesTest {

    private HttpServer server;

    @BeforeEach
    void serveTemplates() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            switch (exchange.getRequestURI().getPath()) {
                case "/hostname.j2" -> answer(exchange, 200, "hostname {{ name }}");
                case "/big.j2" -> answer(exchange, 200, "x".repeat(2 * 1024 * 1024));
                case "/moved" -> {
                    exchange.getResponseHeaders().add("Location", "/hostname.j2");
                    answer(exchange, 302, "");
                }
                default -> answer(exchange, 404, "");
            }
        });
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : 0); // chunked: no Content-Length to trust
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException closedByTheClient) {
            // the size cap resets the connection mid-body
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String render(String source) {
        return "{\"template\": \"" + source + "\", \"context\": {\"name\": \"r1\"}}";
    }

    @Test
    void fileInsideTheDirectory() {
        post("/template/render", render("file://hostname.j2")).statusCode(200).body(equalTo("\"hostname r1\""));
        post("/template/parse/textfsm", "{\"template\": \"file://sub/intf.textfsm\", \"context\": \"Gi0/1 up\"}")
                .statusCode(200).body("[0].INTF", equalTo("Gi0/1"));
        post("/template/render", render("file://nothing.j2")).statusCode(422)
                .body("errors[0].msg", containsString("does not exist"));
    }

    @Test
    void pathTraversalIsRefused() {
        post("/template/render", render("file://../../../pom.xml")).statusCode(422)
                .body("errors[0].msg", containsString("is outside np.templates.dir"));
        post("/template/render", render("file://sub/../../application.properties")).statusCode(422)
                .body("errors[0].msg", containsString("is outside np.templates.dir"));
        post("/template/render", render("file:///etc/passwd")).statusCode(422)
                .body("errors[0].msg", containsString("is outside np.templates.dir"));
    }

    @Test
    void httpFromAnAllowedHostOnly() {
        int port = server.getAddress().getPort();
        post("/template/render", render("http://localhost:" + port + "/hostname.j2")).statusCode(200)
                .body(equalTo("\"hostname r1\""));
        post("/template/render", render("http://127.0.0.1:" + port + "/hostname.j2")).statusCode(422)
                .body("errors[0].msg", containsString("'127.0.0.1' is not one of them"));
        post("/template/render", render("http://localhost:" + port + "/big.j2")).statusCode(422)
                .body("errors[0].msg", containsString("is larger than 1048576 bytes"));
        post("/template/render", render("http://localhost:" + port + "/moved")).statusCode(422)
                .body("errors[0].msg", containsString("answered 302"));
        post("/template/render", render("http://localhost:" + port + "/missing")).statusCode(422)
                .body("errors[0].msg", containsString("answered 404"));
    }

    @Test
    void otherSchemesAreRefused() {
        post("/template/render", render("ftp://localhost/hostname.j2")).statusCode(422)
                .body("errors[0].msg", containsString("unsupported template source 'ftp://localhost/hostname.j2'"));
    }
}
