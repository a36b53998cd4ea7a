package dev.netpilot.api.files;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Files that travel with jobs ({@code np.files.*}, e.g. {@code NP_FILES_MAX_SIZE}); the executors share the prefix. */
@ConfigMapping(prefix = "np.files")
public interface FilesConfig {

    /**
     * The largest file a request may upload (multipart {@code file}); larger ones get 413. Files travel through
     * Redis, so keep it well below the memory Redis may use; set the same value on the executors.
     */
    @WithDefault("64M")
    MemorySize maxSize();
}
