package dev.emrsessionstarter.emulator.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server bound to the loopback interface, serving one handler on a pool of daemon threads (so concurrent
 * requests really run concurrently, and a forgotten emulator never keeps a JVM alive).
 */
public final class EmulatorHttpServer implements AutoCloseable {

    static {
        // The JDK server sends a response's headers and body as separate writes; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK, about 40 ms on every call. The JDK reads this once, when its server
        // configuration loads; a value given on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private EmulatorHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code handler}; port 0 picks a free ephemeral port. */
    public static EmulatorHttpServer start(String name, int port, HttpHandler handler) {
        return start(name, port, handler, null);
    }

    /**
     * Starts serving {@code handler}, and {@code views} under {@link ReceivedViews#PREFIX} when given; port 0 picks
     * a free ephemeral port.
     */
    public static EmulatorHttpServer start(String name, int port, HttpHandler handler, ReceivedViews views) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newCachedThreadPool(daemonThreads(name));
            server.setExecutor(executor);
            server.createContext("/", handler);
            if (views != null) {
                server.createContext(ReceivedViews.PREFIX, views);
            }
            server.start();
            return new EmulatorHttpServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, the value for an SDK endpoint override. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
