package dev.netpilot.credential.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netpilot.credential.CredentialException;
import dev.netpilot.credential.CredentialProvider;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.plugin.Configurable;
import dev.netpilot.plugin.PluginConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * Secrets in files under one directory ({@code np.credentials.file.dir}), as Kubernetes mounts a Secret: the
 * {@code ref} is a directory holding one file per key (the file name is the key, its content the value, one
 * trailing line break dropped), or a {@code .json} object or {@code .properties} file. A {@code ref} that leaves
 * the directory ({@code ..}, an absolute path, a link pointing outside) is refused. Files are read off the
 * caller's thread.
 */
public final class FileProvider implements CredentialProvider, Configurable {

    static final String DIR_PROPERTY = "np.credentials.file.dir";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;

    @Override
    public String name() {
        return "file";
    }

    @Override
    public void configure(PluginConfig config) {
        dir = config.get(DIR_PROPERTY).filter(value -> !value.isBlank()).map(Path::of).orElse(null);
    }

    @Override
    public CompletionStage<Map<String, String>> read(CredentialRef ref) {
        if (dir == null) {
            throw new CredentialException("the file credential provider is not configured: set " + DIR_PROPERTY
                    + " (NP_CREDENTIALS_FILE_DIR) to the directory holding the secrets");
        }
        onlyRef(ref, "file");
        return CompletableFuture.supplyAsync(() -> load(ref.ref()));
    }

    /** Refuses the Vault-only fields, which would silently mean nothing here. */
    public static void onlyRef(CredentialRef ref, String provider) {
        if (ref.mount() != null || ref.version() != null || ref.namespace() != null) {
            throw new CredentialException("credential.mount, version and namespace are for Vault; the " + provider
                    + " provider takes only ref and field_mapping: remove them");
        }
    }

    private Map<String, String> load(String ref) {
        Path relative = Path.of(ref);
        if (relative.isAbsolute() || Stream.of(ref.split("[/\\\\]")).anyMatch(part -> part.equals(".."))) {
            throw new CredentialException("credential.ref '" + ref + "' must be a path inside the secrets directory, "
                    + "without '..' and not absolute");
        }
        Path base;
        Path target;
        try {
            base = dir.toRealPath();
            target = base.resolve(relative).normalize();
            if (!target.startsWith(base) || !Files.exists(target)) {
                throw new CredentialException("no secret file or directory '" + ref + "' in the secrets directory");
            }
            target = target.toRealPath();
            if (!target.startsWith(base)) {
                throw new CredentialException("credential.ref '" + ref + "' leads outside the secrets directory");
            }
            if (Files.isDirectory(target)) {
                return perKeyFiles(base, target);
            }
            String file = target.getFileName().toString();
            if (file.endsWith(".json")) {
                return json(target, ref);
            }
            if (file.endsWith(".properties")) {
                Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(target, StandardCharsets.UTF_8)) {
                    properties.load(in);
                }
                Map<String, String> values = new TreeMap<>();
                properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
                return values;
            }
            throw new CredentialException("credential.ref '" + ref + "' is a file but neither .json nor "
                    + ".properties: name a directory with one file per key, or a .json or .properties file");
        } catch (IOException e) {
            throw new CredentialException("cannot read the secret '" + ref + "': " + e.getClass().getSimpleName());
        }
    }

    private static Map<String, String> perKeyFiles(Path base, Path directory) throws IOException {
        Map<String, String> values = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(file -> !file.getFileName().toString().startsWith(".")).toList();
        }
        for (Path file : files) {
            Path real = file.toRealPath();
            if (real.startsWith(base) && Files.isRegularFile(real)) {
                String value = Files.readString(real, StandardCharsets.UTF_8);
                values.put(file.getFileName().toString(), value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                        : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
            }
        }
        return values;
    }

    private static Map<String, String> json(Path file, String ref) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CredentialException("the secret file '" + ref + "' is not valid JSON");
        }
        if (!root.isObject()) {
            throw new CredentialException("the secret file '" + ref + "' must hold a JSON object of key to value");
        }
        Map<String, String> values = new LinkedHashMap<>();
        root.fields().forEachRemaining(field -> values.put(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        return values;
    }
}
