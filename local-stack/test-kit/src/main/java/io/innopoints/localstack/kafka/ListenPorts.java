package io.innopoints.localstack.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for child processes to listen on, picked below Linux's ephemeral range (32768–60999 by default). A port
 * bound and released to find a free one (port 0) comes from that range, and until the child binds it any outgoing
 * connection of the machine may take it as its local port: {@code ChaosIT}'s nodes then failed with "Address
 * already in use". A port below the range is never handed to an outgoing connection; each is handed out once per JVM.
 */
final class ListenPorts {
    private static final int FIRST = 20_000;
    private static final int END = 32_000;
    private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

    private ListenPorts() {
    }

    /** A port nothing listens on now, below the ephemeral range, not handed out before in this JVM. */
    static int unused() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, END);
            if (handedOut.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + END);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
