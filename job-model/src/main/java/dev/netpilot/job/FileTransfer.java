package dev.netpilot.job;

import java.util.Map;

/**
 * A request's {@code file_transfer} object (NetPulse's {@code FileTransferModel}), read and checked once: the API
 * refuses a bad one with 422, the executor hands the typed options to the transfer. Unknown keys are ignored, as
 * NetPulse allows extras.
 *
 * @param localPath   on the executor: the upload source or the download target (null: the staged upload, or the
 *                    remote file's name in the job's download directory)
 * @param chmod       permission bits to set on the uploaded file (from an octal string such as {@code "0755"}), or null
 * @param chunkSize   bytes per SFTP read or write request
 */
public record FileTransfer(Operation operation, String remotePath, String localPath, boolean overwrite,
                           boolean resume, boolean recursive, SyncMode syncMode, boolean verifyFile, int chunkSize,
                           Integer chmod, boolean executeAfterUpload, String executeCommand,
                           boolean cleanupAfterExec) {

    public static final int DEFAULT_CHUNK_SIZE = 32768;
    public static final int MIN_CHUNK_SIZE = 1024;
    public static final int MAX_CHUNK_SIZE = 4 * 1024 * 1024;

    public enum Operation {
        UPLOAD, DOWNLOAD;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /** {@code full} always transfers; {@code hash} skips the transfer when both sides have the same MD5. */
    public enum SyncMode {
        FULL, HASH
    }

    /**
     * Reads {@code file_transfer}; an {@link Invalid} names the key (under {@code file_transfer}) and what to fix.
     */
    public static FileTransfer parse(Map<String, Object> raw) {
        if (raw == null) {
            throw new Invalid("", "must be an object");
        }
        Operation operation = switch (String.valueOf(raw.get("operation"))) {
            case "upload" -> Operation.UPLOAD;
            case "download" -> Operation.DOWNLOAD;
            default -> throw new Invalid("operation", "must be \"upload\" or \"download\", got "
                    + describe(raw.get("operation")));
        };
        String remotePath = string(raw, "remote_path");
        if (remotePath == null || remotePath.isBlank()) {
            throw new Invalid("remote_path", "is required: the path of the file (or directory) on the device");
        }
        refuseNul("remote_path", remotePath);
        String localPath = string(raw, "local_path");
        if (localPath != null) {
            refuseNul("local_path", localPath);
            if (localPath.isBlank()) {
                localPath = null;
            }
        }
        SyncMode syncMode = switch (raw.getOrDefault("sync_mode", "full").toString()) {
            case "full" -> SyncMode.FULL;
            case "hash" -> SyncMode.HASH;
            default -> throw new Invalid("sync_mode", "must be \"full\" or \"hash\", got "
                    + describe(raw.get("sync_mode")));
        };
        Object algorithm = raw.get("hash_algorithm");
        if (algorithm != null && !"md5".equalsIgnoreCase(algorithm.toString())) {
            throw new Invalid("hash_algorithm", "must be \"md5\" (the only one supported), got "
                    + describe(algorithm));
        }
        int chunkSize = chunkSize(raw.get("chunk_size"));
        Integer chmod = chmod(raw.get("chmod"));
        boolean execute = flag(raw, "execute_after_upload", false);
        String command = string(raw, "execute_command");
        if (execute && (command == null || command.isBlank())) {
            throw new Invalid("execute_command", "is required with execute_after_upload: the command to run on the "
                    + "device after the upload");
        }
        if (execute && operation != Operation.UPLOAD) {
            throw new Invalid("execute_after_upload", "applies to uploads only; remove it or use operation \"upload\"");
        }
        return new FileTransfer(operation, remotePath, localPath, flag(raw, "overwrite", true),
                flag(raw, "resume", false), flag(raw, "recursive", false), syncMode, flag(raw, "verify_file", true),
                chunkSize, chmod, execute, command, flag(raw, "cleanup_after_exec", true));
    }

    /** How a result entry names this transfer: {@code upload <remote>} or {@code download <remote>}. */
    public String label(String remote) {
        return operation.wire() + " " + remote;
    }

    /**
     * A client's file name made safe to use as one path element anywhere: only its last element, with every
     * character outside {@code [A-Za-z0-9._-]} replaced by {@code _} (as NetPulse stages uploads); {@code upload}
     * when nothing usable is left.
     */
    public static String safeFileName(String name) {
        String last = name == null ? "" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "upload" : safe;
    }

    private static int chunkSize(Object value) {
        if (value == null) {
            return DEFAULT_CHUNK_SIZE;
        }
        try {
            long number = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? n.longValue() : Long.parseLong(value.toString().trim());
            if (number < MIN_CHUNK_SIZE || number > MAX_CHUNK_SIZE) {
                throw new NumberFormatException();
            }
            return (int) number;
        } catch (NumberFormatException e) {
            throw new Invalid("chunk_size", "must be a whole number of bytes from " + MIN_CHUNK_SIZE
                    + " to " + MAX_CHUNK_SIZE + ", got " + describe(value));
        }
    }

    private static Integer chmod(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        if (!text.matches("0?[0-7]{3,4}")) {
            throw new Invalid("chmod", "must be octal permissions as a string, such as \"0755\" or \"644\", got "
                    + describe(value));
        }
        return Integer.parseInt(text, 8);
    }

    private static boolean flag(Map<String, Object> raw, String key, boolean fallback) {
        Object value = raw.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new Invalid(key, "must be true or false, got " + describe(value));
    }

    private static String string(Map<String, Object> raw, String key) {
        Object value = raw.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new Invalid(key, "must be a string, got " + describe(value));
        }
        return text;
    }

    private static void refuseNul(String key, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new Invalid(key, "must not contain a NUL character");
        }
    }

    private static String describe(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    /** A {@code file_transfer} key with a bad value; {@link #key()} is empty when the object itself is wrong. */
    public static final class Invalid extends IllegalArgumentException {
        private final String key;

        public Invalid(String key, String message) {
            super("file_transfer" + (key.isEmpty() ? "" : "." + key) + " " + message);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
