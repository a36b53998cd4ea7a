package dev.netpilot.api.auth;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.error.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Every endpoint needs the API key, taken (as NetPulse does) from the header, the query parameter or the
 * cookie named {@code np.api.key-name}; health probes, metrics and the OpenAPI document are open.
 * Keys are compared in constant time.
 */
public class ApiKeyFilter {

    private final ApiConfig config;
    private final byte[] expected;

    public ApiKeyFilter(ApiConfig config) {
        this.config = config;
        this.expected = config.key().getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireApiKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/q/") || path.equals("/health")) {
            return Optional.empty();
        }
        String presented = presentedKey(request);
        if (presented == null) {
            return Optional.of(unauthorized("Missing API key: send it in the " + config.keyName() + " header"));
        }
        if (!MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(unauthorized("Invalid API key: the " + config.keyName()
                    + " header does not match a configured key"));
        }
        return Optional.empty();
    }

    private String presentedKey(ContainerRequestContext request) {
        String name = config.keyName();
        String fromQuery = request.getUriInfo().getQueryParameters().getFirst(name);
        if (fromQuery != null) {
            return fromQuery;
        }
        String fromHeader = request.getHeaderString(name);
        if (fromHeader != null) {
            return fromHeader;
        }
        Cookie cookie = request.getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON)
                .header("WWW-Authenticate", "ApiKey")
                .entity(ErrorBody.of(message))
                .build();
    }
}
