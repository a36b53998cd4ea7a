package dev.netpilot.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The eAPI endpoint of arista_eos devices over real HTTP and HTTPS, on the same state as their SSH CLI. */
class EapiEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DeviceSimulator http;
    private static DeviceSimulator https;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        http = DeviceSimulator.start(SimulatorConfig.builder().devices(6).platform("arista_eos,cisco_ios")
                .eapi("http").build());
        https = DeviceSimulator.start(SimulatorConfig.builder().platform("arista_eos").build());
    }

    @AfterAll
    static void stop() {
        http.close();
        https.close();
    }

    private static HttpResponse<String> post(HttpClient client, SimulatedDevice device, String password, String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(device.eapiUrl()))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode runCmds(SimulatedDevice device, String format, String cmds) throws Exception {
        HttpResponse<String> response = post(CLIENT, device, "admin", """
                {"jsonrpc": "2.0", "method": "runCmds", "id": "t1",
                 "params": {"version": 1, "format": "%s", "cmds": [%s]}}""".formatted(format, cmds));
        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("t1", body.path("id").asText());
        return body;
    }

    @Test
    void onlyAristaDevicesServeEapi() {
        assertTrue(http.device(0).eapiPort() > 0);
        assertTrue(http.device(0).eapiUrl().startsWith("http://127.0.0.1:"));
        assertEquals(0, http.device(1).eapiPort());
        assertNull(http.device(1).eapiUrl());
        assertNull(http.eapiCertificatePem());
        assertTrue(https.device(0).eapiUrl().startsWith("https://127.0.0.1:"));
    }

    @Test
    void showVersionInJsonAndText() throws Exception {
        SimulatedDevice device = http.device(0);
        JsonNode json = runCmds(device, "json", "\"show version\", \"show hostname\"");
        assertEquals("vEOS-lab", json.at("/result/0/modelName").asText());
        assertEquals("4.28.0F", json.at("/result/0/version").asText());
        assertEquals("SIM00000001", json.at("/result/0/serialNumber").asText());
        assertTrue(json.at("/result/0/uptime").isNumber());
        assertEquals(device.hostname(), json.at("/result/1/hostname").asText());

        JsonNode text = runCmds(device, "text", "\"show version\"");
        assertTrue(text.at("/result/0/output").asText().contains("Software image version: 4.28.0F"));
    }

    @Test
    void interfacesInJson() throws Exception {
        JsonNode json = runCmds(http.device(2), "json", "\"show interfaces\", \"show ip interface brief\"");
        JsonNode et1 = json.at("/result/0/interfaces/Ethernet1");
        assertEquals("connected", et1.path("interfaceStatus").asText());
        assertEquals("10.0.1.1", et1.at("/interfaceAddress/0/primaryIp/address").asText());
        assertEquals(24, et1.at("/interfaceAddress/0/primaryIp/maskLen").asInt());
        assertEquals("disabled", json.at("/result/0/interfaces/Ethernet2/interfaceStatus").asText());
        assertEquals(24, json.at("/result/1/interfaces/Ethernet1/interfaceAddress/ipAddr/maskLen").asInt());
    }

    @Test
    void invalidCommandGivesEapiErrorWithTheResultsBeforeIt() throws Exception {
        JsonNode body = runCmds(http.device(0), "json", "\"show hostname\", \"show bogus\", \"show version\"");
        assertTrue(body.path("result").isMissingNode());
        assertEquals(1002, body.at("/error/code").asInt());
        assertEquals("CLI command 2 of 3 'show bogus' failed: invalid command", body.at("/error/message").asText());
        assertEquals(2, body.at("/error/data").size());
        assertEquals(http.device(0).hostname(), body.at("/error/data/0/hostname").asText());
        assertEquals("Invalid input", body.at("/error/data/1/errors/0").asText());

        JsonNode text = runCmds(http.device(0), "text", "\"show bogus\"");
        assertEquals("% Invalid input\n", text.at("/error/data/0/output").asText());
    }

    @Test
    void privilegedCommandsNeedEnableWithTheSecret() throws Exception {
        SimulatedDevice device = http.device(0);
        JsonNode unprivileged = runCmds(device, "text", "\"show running-config\"");
        assertEquals(1002, unprivileged.at("/error/code").asInt());
        assertEquals("Invalid input (privileged mode required)", unprivileged.at("/error/data/0/errors/0").asText());

        JsonNode wrong = runCmds(device, "json", "{\"cmd\": \"enable\", \"input\": \"nope\"}, \"show running-config\"");
        assertEquals(1000, wrong.at("/error/code").asInt());
        assertEquals("CLI command 1 of 2 'enable' failed: could not run command", wrong.at("/error/message").asText());

        JsonNode ok = runCmds(device, "text", "{\"cmd\": \"enable\", \"input\": \"secret\"}, \"show running-config\"");
        assertTrue(ok.at("/result/1/output").asText().contains("hostname " + device.hostname()));
    }

    @Test
    void configChangesTheStateTheSshCliSees() throws Exception {
        SimulatedDevice device = http.device(4);
        JsonNode body = runCmds(device, "json", """
                {"cmd": "enable", "input": "secret"}, "configure", "interface Ethernet3",
                "description uplink", "ip address 192.0.2.1/30", "end", "write memory\"""");
        assertTrue(body.path("error").isMissingNode(), body.toString());
        assertEquals(0, body.at("/result/2").size());
        assertEquals("Copy completed successfully.", body.at("/result/6/messages/0").asText());
        assertTrue(device.runningConfig().contains("interface Ethernet3\n  description uplink\n"));

        JsonNode config = runCmds(device, "json", "{\"cmd\": \"enable\", \"input\": \"secret\"}, \"show running-config\"");
        JsonNode et3 = config.at("/result/1/cmds").get("interface Ethernet3");
        assertTrue(et3.path("cmds").has("ip address 192.0.2.1/30"), config.toString());
        JsonNode brief = runCmds(device, "json", "\"show ip interface brief\"");
        assertEquals(30, brief.at("/result/0/interfaces/Ethernet3/interfaceAddress/ipAddr/maskLen").asInt());
    }

    @Test
    void showCommandsWithoutJsonModelAreUnconverted() throws Exception {
        JsonNode body = runCmds(http.device(0), "json", "\"show clock\"");
        assertEquals(1003, body.at("/error/code").asInt());
        assertEquals("CLI command 1 of 1 'show clock' failed: unconverted command", body.at("/error/message").asText());
        assertFalse(runCmds(http.device(0), "text", "\"show clock\"").at("/result/0/output").asText().isEmpty());
    }

    @Test
    void wrongPasswordIsHttp401() throws Exception {
        HttpResponse<String> response = post(CLIENT, http.device(0), "wrong",
                "{\"jsonrpc\": \"2.0\", \"method\": \"runCmds\", \"id\": 1, \"params\": {\"version\": 1, \"cmds\": [\"show version\"]}}");
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    }

    @Test
    void badJsonRpcRequestsGetJsonRpcErrors() throws Exception {
        SimulatedDevice device = http.device(0);
        assertEquals(-32700, JSON.readTree(post(CLIENT, device, "admin", "{nope").body()).at("/error/code").asInt());
        assertEquals(-32600, JSON.readTree(post(CLIENT, device, "admin", "{\"method\": \"runCmds\"}").body())
                .at("/error/code").asInt());
        assertEquals(-32601, JSON.readTree(post(CLIENT, device, "admin",
                "{\"jsonrpc\": \"2.0\", \"method\": \"rm\", \"id\": 1}").body()).at("/error/code").asInt());
        assertEquals(-32602, JSON.readTree(post(CLIENT, device, "admin",
                "{\"jsonrpc\": \"2.0\", \"method\": \"runCmds\", \"id\": 1, \"params\": {\"version\": 1}}").body())
                .at("/error/code").asInt());
    }

    @Test
    void httpsPresentsTheSelfSignedCertificateForLoopback() throws Exception {
        SimulatedDevice device = https.device(0);
        assertThrows(SSLHandshakeException.class, () -> post(CLIENT, device, "admin", "{}"));

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("simulator", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(https.eapiCertificatePem().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient verifying = HttpClient.newBuilder().sslContext(tls).build();
        HttpResponse<String> response = post(verifying, device, "admin",
                "{\"jsonrpc\": \"2.0\", \"method\": \"runCmds\", \"id\": 1, \"params\": {\"version\": 1, \"cmds\": [\"show version\"]}}");
        assertEquals(200, response.statusCode());
        assertEquals("vEOS-lab", JSON.readTree(response.body()).at("/result/0/modelName").asText());
    }
}
