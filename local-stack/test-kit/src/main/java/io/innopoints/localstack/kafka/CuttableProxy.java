package io.innopoints.localstack.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP forwarder from a local port to a broker's listener that a test can cut, as a network partition would: while
 * cut, every connection through it is dropped and new ones are refused; {@link #heal()} lets them through again on
 * the same port. One thread accepts, two pump each connection.
 */
public final class CuttableProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CuttableProxy.class);

    private final int port;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean closed;

    private CuttableProxy(int port, InetSocketAddress target) {
        this.port = port;
        this.target = target;
    }

    /** Starts forwarding {@code localhost:port} to {@code target}. */
    public static CuttableProxy start(int port, InetSocketAddress target) {
        CuttableProxy proxy = new CuttableProxy(port, target);
        proxy.listen();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Drops every connection and refuses new ones until {@link #heal()}. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        open.forEach(CuttableProxy::closeQuietly);
        open.clear();
        log.info("proxy :{} → {} cut", port, target);
    }

    /** Accepts connections again. */
    public synchronized void heal() {
        if (server == null && !closed) {
            listen();
            log.info("proxy :{} → {} healed", port, target);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        cut();
    }

    private void listen() {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("localhost", port));
            server = s;
            Thread accept = new Thread(() -> accept(s), "proxy-accept-" + port);
            accept.setDaemon(true);
            accept.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port, e);
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 5_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue; // the broker is down: the client sees a closed connection, as it would directly
                }
                open.add(client);
                open.add(upstream);
                if (server != s) { // cut meanwhile
                    closeQuietly(client);
                    closeQuietly(upstream);
                    return;
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return; // cut or closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the other side or a cut closed it
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
