package dev.netpilot.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client for the benchmarks: one kept-alive connection per thread, TCP_NODELAY, a blocking write
 * and read on the calling thread. It costs the measured path nothing beyond the socket, where the JDK's HttpClient
 * adds its own selector thread and hand-offs (about a millisecond a request on two cores).
 */
final class KeepAliveHttp {

    /** A response: its status code and body. */
    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    KeepAliveHttp(String url) {
        URI uri = URI.create(url);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    Response send(String method, String path, String apiKey, String body) throws IOException {
        Connection connection = connections.get();
        if (connection == null || connection.socket.isClosed()) {
            connection = new Connection(new Socket(host, port));
            connections.set(connection);
        }
        try {
            return connection.exchange(method, path, host + ":" + port, apiKey, body);
        } catch (IOException e) {
            connection.socket.close();
            connections.remove();
            throw e;
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream(), 65536);
            this.out = socket.getOutputStream();
        }

        Response exchange(String method, String path, String authority, String apiKey, String body) throws IOException {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(authority).append("\r\nX-API-KEY: ").append(apiKey).append("\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[request.length + content.length];
            System.arraycopy(request, 0, all, 0, request.length);
            System.arraycopy(content, 0, all, request.length, content.length);
            out.write(all);
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("the API closed the connection");
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            int length = -1;
            boolean chunked = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                    received.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length > 0) {
                received.write(in.readNBytes(length));
            }
            return new Response(code, received.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        }
    }
}
