package dev.emrsessionstarter.emulator.http;

import com.sun.net.httpserver.HttpHandler;
import java.net.URI;

/** An emulator's HTTP server: started once, on loopback, with its endpoint while it runs, and closed at most once. */
public final class ServerSlot {

    private final String name;
    private final int port;
    private final HttpHandler handler;
    private final ReceivedViews views;
    private EmulatorHttpServer server;

    /**
     * @param port 0 for an ephemeral port
     * @param handler the emulator's API
     * @param views what the emulator shows of what it received
     */
    public ServerSlot(String name, int port, HttpHandler handler, ReceivedViews views) {
        this.name = name;
        this.port = port;
        this.handler = handler;
        this.views = views;
    }

    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = EmulatorHttpServer.start(name, port, handler, views);
    }

    /** The endpoint to give an SDK client, {@code http://127.0.0.1:PORT}. */
    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.endpoint();
    }

    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
