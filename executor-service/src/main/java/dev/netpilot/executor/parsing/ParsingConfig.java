package dev.netpilot.executor.parsing;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/** Parsing settings of an executor ({@code np.templates.*}, or {@code NP_TEMPLATES_NTC_DIR}). */
@ConfigMapping(prefix = "np.templates")
public interface ParsingConfig {

    /**
     * An ntc-templates {@code templates} directory (the one with the {@code index} file) for
     * {@code use_ntc_template}; without it such parsing gives a per-entry error saying how to set it.
     */
    Optional<Path> ntcDir();
}
