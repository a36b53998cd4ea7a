package dev.netpilot.local;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads every key of a Redis, with every value of any type, through {@link RedisProbe}: for "this is nowhere" checks. */
final class RedisScan {

    private RedisScan() {
    }

    /** Each key with the text of its value(s), in scan order. */
    static Map<String, String> everything(String redisUrl) throws IOException {
        try (RedisProbe redis = new RedisProbe(redisUrl)) {
            Map<String, String> entries = new LinkedHashMap<>();
            String cursor = "0";
            do {
                List<?> page = (List<?>) redis.call("SCAN", cursor, "COUNT", "1000");
                cursor = (String) page.get(0);
                for (Object name : (List<?>) page.get(1)) {
                    String key = (String) name;
                    String type = (String) redis.call("TYPE", key);
                    Object value = switch (type) {
                        case "string" -> redis.call("GET", key);
                        case "hash" -> redis.call("HGETALL", key);
                        case "list" -> redis.call("LRANGE", key, "0", "-1");
                        case "set" -> redis.call("SMEMBERS", key);
                        case "zset" -> redis.call("ZRANGE", key, "0", "-1", "WITHSCORES");
                        case "stream" -> redis.call("XRANGE", key, "-", "+");
                        case "none" -> ""; // expired between the scan and the read
                        default -> throw new AssertionError("unexpected type " + type + " of " + key);
                    };
                    entries.put(key, String.valueOf(value));
                }
            } while (!cursor.equals("0"));
            return entries;
        }
    }
}
