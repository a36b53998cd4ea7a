package dev.netpilot.api.job;

import dev.netpilot.api.error.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of {@code GET /jobs}: the last index entry a page examined (its score and job id),
 * in URL-safe base64. Clients pass it back unchanged.
 */
final class JobCursor {

    private JobCursor() {
    }

    static String encode(JobStore.IndexEntry entry) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((entry.score() + ":" + entry.jobId()).getBytes(StandardCharsets.UTF_8));
    }

    static JobStore.IndexEntry decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            long score = Long.parseLong(text.substring(0, colon));
            String id = text.substring(colon + 1);
            if (id.isEmpty()) {
                throw new IllegalArgumentException("no id");
            }
            return new JobStore.IndexEntry(id, String.valueOf(score));
        } catch (RuntimeException e) {
            throw InvalidRequestException.ofQuery("cursor", "not a cursor this API returned; pass the value of "
                    + "the previous answer's X-Next-Cursor header unchanged, or start again without cursor");
        }
    }
}
