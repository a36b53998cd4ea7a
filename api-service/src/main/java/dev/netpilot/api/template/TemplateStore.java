package dev.netpilot.api.template;

import dev.netpilot.job.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Named templates kept in Redis as plain strings under {@code np:template:<kind>:<name>}, without expiry. */
@ApplicationScoped
public class TemplateStore {


    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;

    public TemplateStore(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class, String.class);
        this.keys = redis.key(String.class);
    }

    static String key(TemplateKind kind, String name) {
        return RedisKeys.TEMPLATE_PREFIX + kind.wire() + ":" + name;
    }

    /** Stores the template; true when the name was new. */
    public Uni<Boolean> put(TemplateKind kind, String name, String text) {
        return values.setGet(key(kind, name), text).map(previous -> previous == null);
    }

    /** The template's text, or null. */
    public Uni<String> get(TemplateKind kind, String name) {
        return values.get(key(kind, name));
    }

    /** Removes the template; true when it existed. */
    public Uni<Boolean> delete(TemplateKind kind, String name) {
        return keys.del(key(kind, name)).map(count -> count > 0);
    }

    /** The names of the kind's templates, sorted. */
    public Uni<List<String>> names(TemplateKind kind) {
        String prefix = RedisKeys.TEMPLATE_PREFIX + kind.wire() + ":";
        return keys.scan(new KeyScanArgs().match(prefix + "*").count(500)).toMulti()
                .map(key -> key.substring(prefix.length())).collect().asList()
                .map(names -> names.stream().distinct().sorted().toList());
    }
}
