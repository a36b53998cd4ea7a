package dev.netpilot.local;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads every key of a Redis, with every value of any type, over plain RESP: for "this is nowhere" checks. */
final class RedisScan {

    private RedisScan() {
    }

    /** Each key followed by the text of its value(s) ({@code key => value...}). */
    static List<String> everything(String redisUrl) throws IOException {
        URI uri = URI.create(redisUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            List<String> keys = new ArrayList<>();
            String cursor = "0";
            do {
                List<?> reply = (List<?>) call(out, in, "SCAN", cursor, "COUNT", "1000");
                cursor = (String) reply.get(0);
                ((List<?>) reply.get(1)).forEach(key -> keys.add((String) key));
            } while (!cursor.equals("0"));
            List<String> entries = new ArrayList<>();
            for (String key : keys) {
                String type = (String) call(out, in, "TYPE", key);
                Object value = switch (type) {
                    case "string" -> call(out, in, "GET", key);
                    case "hash" -> call(out, in, "HGETALL", key);
                    case "list" -> call(out, in, "LRANGE", key, "0", "-1");
                    case "set" -> call(out, in, "SMEMBERS", key);
                    case "zset" -> call(out, in, "ZRANGE", key, "0", "-1", "WITHSCORES");
                    case "stream" -> call(out, in, "XRANGE", key, "-", "+");
                    default -> "(" + type + ")";
                };
                entries.add(key + " => " + value);
            }
            return entries;
        }
    }

    private static Object call(OutputStream out, InputStream in, String... args) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(request.toByteArray());
        out.flush();
        return reply(in);
    }

    private static Object reply(InputStream in) throws IOException {
        int kind = in.read();
        String line = line(in);
        switch (kind) {
            case '+', ':' -> {
                return line;
            }
            case '-' -> throw new IOException("Redis: " + line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                String text = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                in.readNBytes(2);
                return text;
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(reply(in));
                }
                return items;
            }
            default -> throw new IOException("unexpected Redis reply type " + kind);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.write(c);
        }
        in.read();
        return line.toString(StandardCharsets.UTF_8);
    }
}
