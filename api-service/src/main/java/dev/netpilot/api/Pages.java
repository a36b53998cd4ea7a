package dev.netpilot.api;

import dev.netpilot.api.error.InvalidRequestException;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How the list endpoints page: {@code limit} entries per page (1 to {@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}), and the next page's cursor in {@code X-Next-Cursor}, with a {@code Link} header with
 * {@code rel="next"} that repeats the request's other parameters.
 */
public final class Pages {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Pages() {
    }

    /** The page size a request asks for, or a 422 naming {@code limit}. */
    public static int size(Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw InvalidRequestException.ofQuery("limit", "must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        return size;
    }

    /**
     * A page of {@code path}: {@code entries}, and when {@code nextCursor} is not null its headers; the link leaves
     * out the API key ({@code keyName}) a client may have passed as a query parameter.
     */
    public static <T> RestResponse<T> of(T entries, String nextCursor, String path, RoutingContext routing,
                                         String keyName) {
        RestResponse.ResponseBuilder<T> response = RestResponse.ResponseBuilder.ok(entries);
        if (nextCursor != null) {
            StringBuilder url = new StringBuilder(path).append("?cursor=").append(nextCursor);
            routing.queryParams().forEach(entry -> {
                if (!entry.getKey().equals("cursor") && !entry.getKey().equals(keyName)) {
                    url.append('&').append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
                            .append('=').append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
                }
            });
            response.header("X-Next-Cursor", nextCursor);
            response.header("Link", "<" + url + ">; rel=\"next\"");
        }
        return response.build();
    }
}
