package dev.netpilot.executor.files;

import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.job.CommandResult;
import dev.netpilot.job.FileTransfer;
import dev.netpilot.job.RedisKeys;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The executor's side of a transfer job's files: before the job, the uploaded file is fetched from Redis into a
 * staging file and {@code local_path} is confined to the configured directories; after it, downloaded files are
 * stored in Redis for {@code GET /jobs/{id}/files/{name}} (each entry gets its {@code download_url}) and the
 * job's local files are deleted. File I/O goes through Vert.x's file system, never blocking an event loop.
 */
@ApplicationScoped
public class JobFiles {

    private final Redis redis;
    private final Vertx vertx;
    private final FilesConfig config;
    private final Path downloadDir;
    private final Path stagingDir;

    public JobFiles(Redis redis, Vertx vertx, FilesConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
        this.downloadDir = config.downloadDir().toAbsolutePath().normalize();
        this.stagingDir = config.stagingDir().toAbsolutePath().normalize();
    }

    /**
     * What a transfer job uses on this executor: its {@code file_transfer} with {@code local_path} resolved, the
     * staged upload (or null), the job's download directory (null for uploads) and its staging directory (or null).
     */
    public record Prepared(Map<String, Object> fileTransfer, Path stagedFile, Path jobDownloads, Path jobStaging) {
    }

    /**
     * Resolves the job's local paths and stages its uploaded file. Fails with an {@link InvalidArgumentException}
     * when {@code file_transfer} is invalid or a {@code local_path} leaves the executor's directories.
     */
    public Uni<Prepared> prepare(String jobId, Map<String, Object> raw) {
        FileTransfer transfer;
        try {
            transfer = FileTransfer.parse(raw);
        } catch (FileTransfer.Invalid e) {
            return Uni.createFrom().failure(new InvalidArgumentException(e.getMessage()));
        }
        if (transfer.operation() == FileTransfer.Operation.DOWNLOAD) {
            Path jobDir = downloadDir.resolve(jobId);
            return Uni.createFrom().item(() -> new Prepared(withLocalPath(raw, downloadTarget(transfer.localPath(),
                    jobDir)), null, jobDir, null));
        }
        Request fetch = Request.cmd(Command.HMGET).arg(RedisKeys.jobUpload(jobId)).arg(RedisKeys.UPLOAD_NAME)
                .arg(RedisKeys.UPLOAD_DATA);
        return redis.send(fetch).chain(values -> {
            Response name = values.get(0);
            Response data = values.get(1);
            if (data == null) {
                return uploadSource(transfer.localPath())
                        .map(source -> new Prepared(withLocalPath(raw, source.toString()), null, null, null));
            }
            Path dir = stagingDir.resolve(jobId);
            Path file = dir.resolve(FileTransfer.safeFileName(name == null ? null : name.toString()));
            return vertx.fileSystem().mkdirs(dir.toString())
                    .chain(() -> vertx.fileSystem().writeFile(file.toString(), Buffer.buffer(data.toBytes())))
                    .map(ignored -> new Prepared(raw, file, null, dir));
        });
    }

    /**
     * Stores the files a download job wrote into its directory in Redis for {@code ttlSeconds} and sets each
     * entry's {@code download_url}; a file above {@code np.files.max-size} turns its entry into an error.
     */
    public Uni<List<CommandResult>> publish(String jobId, Prepared prepared, List<CommandResult> results,
                                            int ttlSeconds) {
        if (prepared.jobDownloads() == null) {
            return Uni.createFrom().item(results);
        }
        String key = RedisKeys.jobFiles(jobId);
        return Multi.createFrom().iterable(results)
                .onItem().transformToUniAndConcatenate(entry -> publishOne(jobId, key, prepared.jobDownloads(), entry))
                .collect().asList()
                .call(published -> published.stream().anyMatch(entry -> entry.downloadUrl() != null)
                        ? redis.send(Request.cmd(Command.EXPIRE).arg(key).arg(String.valueOf(ttlSeconds)))
                        : Uni.createFrom().voidItem());
    }

    private Uni<CommandResult> publishOne(String jobId, String key, Path jobDir, CommandResult entry) {
        Object localPath = entry.metadata() == null ? null : entry.metadata().get("local_path");
        if (entry.exitStatus() != 0 || localPath == null) {
            return Uni.createFrom().item(entry);
        }
        Path file = Path.of(localPath.toString()).normalize();
        if (!file.startsWith(jobDir)) {
            return Uni.createFrom().item(entry); // an absolute local_path elsewhere in the download directory: kept there
        }
        String name = jobDir.relativize(file).toString().replace('\\', '/');
        long limit = config.maxSize().asLongValue();
        return vertx.fileSystem().props(file.toString()).chain(props -> {
            if (props.size() > limit) {
                return Uni.createFrom().item(new CommandResult(entry.command(), entry.stdout(), "the file was "
                        + "downloaded (" + props.size() + " bytes) but files above np.files.max-size (" + limit
                        + " bytes) cannot be served; raise np.files.max-size on the API and the executors",
                        1, null, entry.metadata(), entry.parsed()));
            }
            return vertx.fileSystem().readFile(file.toString())
                    .chain(bytes -> redis.send(Request.cmd(Command.HSET).arg(key).arg(name).arg(bytes)))
                    .map(ignored -> new CommandResult(entry.command(), entry.stdout(), entry.stderr(),
                            entry.exitStatus(), downloadUrl(jobId, name), entry.metadata(), entry.parsed()));
        });
    }

    /** Deletes the job's staging and download directories; never fails. */
    public Uni<Void> cleanup(Prepared prepared) {
        return delete(prepared.jobStaging()).chain(() -> delete(prepared.jobDownloads()));
    }

    private Uni<Void> delete(Path dir) {
        if (dir == null) {
            return Uni.createFrom().voidItem();
        }
        return vertx.fileSystem().exists(dir.toString())
                .chain(exists -> exists ? vertx.fileSystem().deleteRecursive(dir.toString(), true)
                        : Uni.createFrom().voidItem())
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The API path that serves a stored file; every path element is URL-encoded. */
    static String downloadUrl(String jobId, String name) {
        StringBuilder url = new StringBuilder("/jobs/").append(jobId).append("/files");
        for (String element : name.split("/")) {
            url.append('/').append(URLEncoder.encode(element, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return url.toString();
    }

    /**
     * Where a download goes: by default the remote file's name in the job's directory; a relative {@code local_path}
     * inside the job's directory; an absolute one only inside the download directory.
     */
    String downloadTarget(String localPath, Path jobDir) {
        if (localPath == null) {
            return jobDir + "/";
        }
        Path given = Path.of(localPath);
        Path target = given.isAbsolute() ? given.normalize() : jobDir.resolve(given).normalize();
        Path allowed = given.isAbsolute() ? downloadDir : jobDir;
        if (!target.startsWith(allowed)) {
            throw new InvalidArgumentException("file_transfer.local_path '" + localPath + "' leaves the executor's "
                    + "download directory; give a file name relative to the job's directory (e.g. \"backup.cfg\"), "
                    + "or leave it out to use the remote file's name");
        }
        return target + (localPath.endsWith("/") ? "/" : "");
    }

    /** The file an upload reads from the executor's disk: only inside {@code np.files.upload-dir}, links resolved. */
    private Uni<Path> uploadSource(String localPath) {
        if (localPath == null) {
            return Uni.createFrom().failure(new InvalidArgumentException("file_transfer upload needs a file: send "
                    + "it as the multipart 'file' field of POST /device/exec, or give file_transfer.local_path"));
        }
        if (config.uploadDir().isEmpty()) {
            return Uni.createFrom().failure(new InvalidArgumentException("file_transfer.local_path: uploads from "
                    + "files on the executor are disabled (np.files.upload-dir is not set); send the file as the "
                    + "multipart 'file' field of POST /device/exec instead"));
        }
        Path root = config.uploadDir().get().toAbsolutePath().normalize();
        Path source = root.resolve(localPath).normalize();
        InvalidArgumentException outside = new InvalidArgumentException("file_transfer.local_path '" + localPath
                + "' is not inside the executors' upload directory (np.files.upload-dir); name a file in it, "
                + "relative to it, without '..'");
        if (!source.startsWith(root)) {
            return Uni.createFrom().failure(outside);
        }
        return vertx.executeBlocking(() -> {
            try {
                return source.toRealPath().startsWith(root.toRealPath()) ? source : null;
            } catch (IOException e) {
                throw new InvalidArgumentException("file_transfer.local_path '" + localPath + "' does not exist in "
                        + "the executors' upload directory (np.files.upload-dir)");
            }
        }).onItem().ifNull().failWith(() -> outside);
    }

    private static Map<String, Object> withLocalPath(Map<String, Object> raw, String localPath) {
        Map<String, Object> copy = new LinkedHashMap<>(raw);
        copy.put("local_path", localPath);
        return copy;
    }
}
