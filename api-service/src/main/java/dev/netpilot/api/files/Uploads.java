package dev.netpilot.api.files;

import dev.netpilot.api.dispatch.JobDispatcher;
import dev.netpilot.job.FileTransfer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A file uploaded with a request (multipart {@code file}), read for the job: at most {@code np.files.max-size}
 * (413 above), its name made safe. Quarkus has put the part on disk; it is read without blocking the event loop.
 */
@ApplicationScoped
public class Uploads {

    private final Vertx vertx;
    private final FilesConfig config;

    public Uploads(Vertx vertx, FilesConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    public Uni<JobDispatcher.Upload> read(FileUpload file) {
        long limit = config.maxSize().asLongValue();
        if (file.size() > limit) {
            return Uni.createFrom().failure(tooLarge(limit));
        }
        String name = FileTransfer.safeFileName(file.fileName());
        return vertx.fileSystem().readFile(file.uploadedFile().toString())
                .map(bytes -> new JobDispatcher.Upload(name, bytes));
    }

    /** The 413 for a file or body above {@code limit} bytes. */
    public static WebApplicationException tooLarge(long limit) {
        return new WebApplicationException("The uploaded file is larger than the limit of " + limit + " bytes "
                + "(np.files.max-size); send a smaller file, or raise np.files.max-size on the API and the executors", 413);
    }
}
