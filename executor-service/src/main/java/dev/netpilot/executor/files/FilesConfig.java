package dev.netpilot.executor.files;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an executor keeps the files of {@code file_transfer} jobs ({@code np.files.*}, or environment variables such
 * as {@code NP_FILES_UPLOAD_DIR}). Uploaded and downloaded files travel between the API and the executors through
 * Redis, so no directory needs to be shared.
 */
@ConfigMapping(prefix = "np.files")
public interface FilesConfig {

    /** The largest file that travels through Redis (an upload sent to the API, a downloaded file to serve). */
    @WithDefault("64M")
    MemorySize maxSize();

    /**
     * Where download jobs write: each job in its own subdirectory, deleted once its files are stored for the API.
     * A download's {@code local_path} must stay inside this directory.
     */
    @WithDefault("${java.io.tmpdir}/netpilot/downloads")
    Path downloadDir();

    /** Where an upload sent with the request is put while its job runs; deleted after the job. */
    @WithDefault("${java.io.tmpdir}/netpilot/staging")
    Path stagingDir();

    /**
     * The only directory an upload's {@code local_path} may name a file in (a path on the executor). Unset: such
     * uploads are refused, and files must be sent with the request (multipart {@code file}).
     */
    Optional<Path> uploadDir();

    /** Limit on a file transfer job's run time when the request gives no {@code execution_timeout}, in seconds. */
    @WithDefault("3600")
    int defaultExecutionTimeout();
}
