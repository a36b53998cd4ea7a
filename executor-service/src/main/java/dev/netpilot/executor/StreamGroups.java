package dev.netpilot.executor;

import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.smallrye.mutiny.Uni;

/** The executors' consumer group on the streams they read (FIFO, assign, lanes). */
public final class StreamGroups {

    private StreamGroups() {
    }

    /** Creates the stream and its {@link RedisKeys#EXECUTOR_GROUP} group; nothing when the group exists already. */
    public static Uni<Void> ensure(ReactiveStreamCommands<String, String, String> streams, String stream) {
        return streams.xgroupCreate(stream, RedisKeys.EXECUTOR_GROUP, "0", new XGroupCreateArgs().mkstream())
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("BUSYGROUP")).recoverWithNull();
    }
}
