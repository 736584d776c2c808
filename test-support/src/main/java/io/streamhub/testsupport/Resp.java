package io.streamhub.testsupport;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Redis command over a fresh connection, for tests that look at what the services wrote or drive
 * a Sentinel: replies as text (bulk or simple strings, integers), {@code null} for nil, a list for an
 * array. Error replies throw.
 */
public final class Resp {

    private Resp() {
    }

    public static Object call(String host, int port, String... args) throws IOException {
        StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            req.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(2000);
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return read(new DataInputStream(new BufferedInputStream(s.getInputStream())));
        }
    }

    /** {@link #call} for a reply that is not an array. */
    public static String text(String host, int port, String... args) throws IOException {
        Object reply = call(host, port, args);
        if (reply instanceof List<?>) {
            throw new IOException("array reply to " + args[0]);
        }
        return (String) reply;
    }

    private static Object read(DataInputStream in) throws IOException {
        String line = readLine(in);
        switch (line.charAt(0)) {
            case '+', ':' -> {
                return line.substring(1);
            }
            case '-' -> throw new IOException("redis: " + line.substring(1));
            case '$' -> {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) {
                    return null;
                }
                byte[] body = new byte[n];
                in.readFully(body);
                readLine(in);
                return new String(body, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default -> throw new IOException("unexpected reply: " + line);
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            b.append((char) c);
        }
        in.read(); // '\n'
        return b.toString();
    }
}
