package dev.netpilot.job;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The records survive the trip through Redis unchanged, in NetPulse's field names and formats. */
class ExecutionRequestJsonTest {

    @Test
    void aRequestRoundTrips() {
        String json = """
                {"driver":"netmiko","connection_args":{"host":"r1","device_type":"cisco_ios","port":2222},
                 "config":["ntp server 192.0.2.1","logging host 192.0.2.2"],"save":true,"enable_mode":true,
                 "ttl":60,"result_ttl":600}""";
        ExecutionRequest request = JobJson.read(json, ExecutionRequest.class).withDefaults();
        ExecutionRequest again = JobJson.read(JobJson.write(request), ExecutionRequest.class);
        assertEquals(request, again);
        assertTrue(again.pushesConfig());
        assertEquals(List.of("ntp server 192.0.2.1", "logging host 192.0.2.2"), again.config().lines());
        assertEquals(QueueStrategy.PINNED, again.queueStrategy(), "netmiko defaults to pinned, as in NetPulse");
        assertEquals(60, again.connectionArgs().get("keepalive"), "pinned sessions get keepalive 60");
    }

    @Test
    void aStringCommandBecomesAList() {
        ExecutionRequest request = JobJson.read("{\"driver\":\"paramiko\",\"connection_args\":{},\"command\":\"uptime\"}",
                ExecutionRequest.class).withDefaults();
        assertEquals(List.of("uptime"), request.command().lines());
        assertEquals(QueueStrategy.FIFO, request.queueStrategy());
        assertEquals(ExecutionRequest.DEFAULT_TTL, request.ttl());
        assertNull(request.connectionArgs().get("keepalive"));
    }

    @Test
    void pyeapiDefaultsToFifoAndEnableModeAsInNetPulse() {
        ExecutionRequest request = JobJson.read("{\"driver\":\"pyeapi\",\"connection_args\":{\"host\":\"s1\"},"
                + "\"command\":\"show version\"}", ExecutionRequest.class).withDefaults();
        assertEquals(QueueStrategy.FIFO, request.queueStrategy());
        assertEquals(Boolean.TRUE, request.enableMode());
        ExecutionRequest off = JobJson.read("{\"driver\":\"pyeapi\",\"connection_args\":{\"host\":\"s1\"},"
                + "\"command\":\"show version\",\"enable_mode\":false}", ExecutionRequest.class).withDefaults();
        assertEquals(Boolean.FALSE, off.enableMode());
        assertNull(JobJson.read("{\"driver\":\"netmiko\",\"connection_args\":{},\"command\":\"x\"}",
                ExecutionRequest.class).withDefaults().enableMode());
    }

    @Test
    void aJobRoundTripsWithNetPulsesTimestampFormat() {
        Instant created = Instant.parse("2026-05-04T10:00:00.123456Z");
        Job job = Job.queued("id-1", created, "FifoQ", "r1", List.of("show version"), null)
                .started("w1", created.plusMillis(5));
        String json = JobJson.write(job);
        assertTrue(json.matches(".*\"created_at\":\"2026-05-04T\\d\\d:\\d\\d:00\\.123456[+-]\\d\\d:\\d\\d\".*"), json);
        assertTrue(json.contains("\"queue_time\":0.005"), json);
        assertEquals(job, JobJson.read(json, Job.class));
    }

    @Test
    void aStoredJobAnswersAsItIsStored() {
        Job queued = Job.queued("j-1", Instant.parse("2026-01-02T03:04:05.123456Z"), "HostQ_admin@r1:22", "r1",
                List.of("show version"), null);
        Job ended = queued.started("executor-1", Instant.parse("2026-01-02T03:04:05.200000Z"))
                .ended(JobStatus.FINISHED, JobResult.successful(List.of()), Instant.parse("2026-01-02T03:04:06Z"));
        for (Job job : List.of(queued, ended)) {
            String record = JobJson.write(job);
            assertEquals(record, JobJson.write(JobJson.read(record, Job.class)),
                    "the API answers the stored record as it is: reading and writing it again must change nothing");
            assertEquals(job.status(), JobJson.status(record));
        }
        assertEquals(JobStatus.FAILED, JobJson.status("{\"result\":{\"status\":\"x\",\"a\":[1,{}]},\"status\":\"failed\"}"),
                "nested fields named status are skipped");
        assertNull(JobJson.status("{\"id\":\"j-2\"}"));
    }
}
