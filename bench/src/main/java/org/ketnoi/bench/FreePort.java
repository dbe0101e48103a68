package org.ketnoi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A TCP port nobody listens on right now, chosen by the kernel; never 8080 (a developer's Ketnoi). */
final class FreePort {

    private FreePort() {
    }

    static int find() {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (port != 8080) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free TCP port", e);
            }
        }
        throw new IllegalStateException("no free TCP port other than 8080");
    }
}
