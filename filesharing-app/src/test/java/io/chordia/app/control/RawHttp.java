package io.chordia.app.control;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 request written by hand: the JDK's HttpClient will not send a Host header of our choosing. */
public final class RawHttp {
    private RawHttp() {}

    /**
     * Sends {@code requestLine} (e.g. {@code POST /v1/status}) to 127.0.0.1:{@code port} naming
     * {@code host}, with {@code extraHeaders} (each ending in CRLF) and a {@code {}} body.
     *
     * @return the whole response, status line and headers included
     */
    public static String exchange(int port, String requestLine, String host, String extraHeaders) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "Content-Length: 2\r\n"
                    + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The response's status line. */
    public static String status(String response) {
        return response.lines().findFirst().orElse("");
    }
}
