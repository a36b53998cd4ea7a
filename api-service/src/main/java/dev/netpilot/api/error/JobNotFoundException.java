package dev.netpilot.api.error;

/** No job with that id: it expired or never existed. Answered with 404. */
public class JobNotFoundException extends NotFoundException {

    public JobNotFoundException(String jobId) {
        super("Job " + jobId + " not found: it never existed, or it expired (queued jobs live for their ttl, "
                + "results for their result_ttl)");
    }
}
