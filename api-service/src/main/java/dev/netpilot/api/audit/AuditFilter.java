package dev.netpilot.api.audit;

import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.job.AuditEntry;
import dev.netpilot.job.JobStatus;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The filters of {@code GET /audit}; every given filter must match. {@code since} and {@code until} bound the time
 * the entry was written (inclusive) and select the stream range directly; the others are checked per entry.
 */
public record AuditFilter(String host, String apiKey, JobStatus status, String jobId, Instant since, Instant until) {

    /** Parses the query values; a bad status or time is a 422 that says what is accepted. */
    public static AuditFilter of(String host, String apiKey, String status, String jobId, String since, String until) {
        AuditFilter filter = new AuditFilter(blankToNull(host), blankToNull(apiKey),
                blankToNull(status) == null ? null : status(status), blankToNull(jobId), time("since", since),
                time("until", until));
        if (filter.since != null && filter.until != null && filter.since.isAfter(filter.until)) {
            throw InvalidRequestException.ofQuery("since", "since (" + since + ") is after until (" + until + ")");
        }
        return filter;
    }

    /** Whether only the time range is given (every entry in range matches). */
    public boolean matchesAllInRange() {
        return host == null && apiKey == null && status == null && jobId == null;
    }

    public boolean matches(AuditEntry entry) {
        return (host == null || host.equals(entry.host()))
                && (apiKey == null || apiKey.equals(entry.apiKey()))
                && (status == null || status == entry.status())
                && (jobId == null || jobId.equals(entry.jobId()));
    }

    private static JobStatus status(String value) {
        try {
            return JobStatus.fromWire(value.equals("canceled") ? "cancelled" : value);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.ofQuery("status", "unknown status '" + value + "'; use one of "
                    + Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal).map(JobStatus::wire)
                    .collect(Collectors.joining(", ")));
        }
    }

    /** ISO-8601 with an offset ({@code 2026-05-04T10:00:00Z}, {@code ...+02:00}) or Unix seconds. */
    private static Instant time(String parameter, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            if (value.matches("\\d+(\\.\\d+)?")) {
                return Instant.ofEpochMilli(Math.round(Double.parseDouble(value) * 1000));
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            throw InvalidRequestException.ofQuery(parameter, parameter + " must be an ISO-8601 time with an offset "
                    + "(e.g. 2026-05-04T10:00:00Z) or Unix seconds, got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
