package dev.netpilot.driver;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How to read one command's output.
 *
 * @param readTimeout  how long the whole output may take before the command fails
 * @param expectString a regular expression that ends the output instead of the prompt, or null
 */
public record CommandOptions(Duration readTimeout, Pattern expectString) {

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public static CommandOptions defaults() {
        return new CommandOptions(DEFAULT_READ_TIMEOUT, null);
    }
}
