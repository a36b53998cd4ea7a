package dev.netpilot.api.template;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where templates may come from ({@code np.templates.*}, or environment variables such as {@code NP_TEMPLATES_DIR}). */
@ConfigMapping(prefix = "np.templates")
public interface TemplatesConfig {

    /** The only directory {@code file://} sources may read from; without it {@code file://} is refused. */
    Optional<Path> dir();

    /** Host names {@code http://} and {@code https://} sources may be fetched from; without any, none. */
    Optional<List<String>> httpAllowHosts();

    /** How long fetching an http(s) template may take in all. */
    @WithDefault("10s")
    Duration httpTimeout();

    /** The largest template accepted from any source, in bytes. */
    @WithDefault("1048576")
    int maxSize();

    /**
     * An ntc-templates {@code templates} directory (with its {@code index}) for {@code use_ntc_template}; the
     * textfsm parser reads it through the plugin settings.
     */
    Optional<Path> ntcDir();
}
