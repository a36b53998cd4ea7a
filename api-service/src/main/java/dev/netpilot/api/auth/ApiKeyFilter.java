package dev.netpilot.api.auth;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.error.ErrorBody;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every endpoint needs an API key, taken (as NetPulse does) from the header, the query parameter or the cookie
 * named {@code np.api.key-name}; health probes, metrics and the OpenAPI document are open. A missing or unknown
 * key gets 401. Once the endpoint is known, its {@link RequiresScope} (default: {@code read} for GET, {@code admin}
 * otherwise) is checked: 403 names the scope that is missing. Body-dependent rules (a config push needs
 * {@code config}) are checked by the services with {@link Caller#require}.
 */
public class ApiKeyFilter {

    private final ApiConfig config;
    private final ApiKeys keys;

    public ApiKeyFilter(ApiConfig config, ApiKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireApiKey(ContainerRequestContext request, RoutingContext routing) {
        if (isOpen(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        String presented = presentedKey(request);
        if (presented == null) {
            return Optional.of(error(Response.Status.UNAUTHORIZED,
                    "Missing API key: send it in the " + config.keyName() + " header"));
        }
        Optional<Caller> caller = keys.identify(presented);
        if (caller.isEmpty()) {
            return Optional.of(error(Response.Status.UNAUTHORIZED, "Invalid API key: the " + config.keyName()
                    + " header does not match a configured key"));
        }
        caller.get().attachTo(routing);
        return Optional.empty();
    }

    @ServerRequestFilter
    public Optional<Response> requireScope(ContainerRequestContext request, ResourceInfo resource,
                                           RoutingContext routing) {
        if (isOpen(request.getUriInfo().getPath()) || resource.getResourceMethod() == null) {
            return Optional.empty();
        }
        Scope[] needed = needed(resource.getResourceMethod(), request.getMethod());
        Caller caller = Caller.of(routing);
        if (caller.hasAny(needed)) {
            return Optional.empty();
        }
        String names = Arrays.stream(needed).map(scope -> "'" + scope.wire() + "'").collect(Collectors.joining(" or "));
        return Optional.of(error(Response.Status.FORBIDDEN, "The API key '" + caller.name() + "' (scopes: "
                + caller.scopeNames() + ") lacks the " + names + " scope, which " + action(request) + " needs"));
    }

    private static Scope[] needed(Method method, String httpMethod) {
        RequiresScope annotation = method.getAnnotation(RequiresScope.class);
        if (annotation == null) {
            annotation = method.getDeclaringClass().getAnnotation(RequiresScope.class);
        }
        if (annotation != null) {
            return annotation.value();
        }
        return HttpMethod.GET.equals(httpMethod) || HttpMethod.HEAD.equals(httpMethod)
                ? new Scope[]{Scope.READ} : new Scope[]{Scope.ADMIN};
    }

    private static boolean isOpen(String path) {
        return path.startsWith("/q/") || path.equals("/health");
    }

    /** What a request does, as messages and the audit trail name it: {@code POST /device/exec}. */
    public static String action(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return request.getMethod() + " /" + (path.startsWith("/") ? path.substring(1) : path);
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

    private static Response error(Response.Status status, String message) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of(message));
        if (status == Response.Status.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "ApiKey");
        }
        return response.build();
    }
}
