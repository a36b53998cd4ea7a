package dev.netpilot.api;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The API keys of the test profile and request builders shared by the tests. */
public final class Api {

    /** NetPulse-style single key: every scope, recorded as 'default'. */
    public static final String ALL = "test-key";
    public static final String READER = "reader-key";
    public static final String OPERATOR = "operator-key";
    public static final String CONFIGURER = "configurer-key";
    public static final String OTHER = "other-key";
    public static final String ADMIN = "boss-key";

    private Api() {
    }

    public static RequestSpecification as(String key) {
        return given().header("X-API-KEY", key);
    }

    public static RequestSpecification json(String key) {
        return as(key).contentType(ContentType.JSON);
    }

    /** A host name no other test uses, so that filters by host see only this test's jobs. */
    public static String uniqueHost() {
        return "r-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    /** An exec body for {@code host}; {@code extra} is appended inside the object (start it with a comma). */
    public static String exec(String host, String extra) {
        return """
                {"driver": "netmiko",
                 "connection_args": {"device_type": "cisco_ios", "host": "%s", "username": "admin",
                                     "password": "admin-pass"}%s}
                """.formatted(host, extra);
    }

    public static String command(String host) {
        return exec(host, ", \"command\": \"show version\"");
    }
}
