package dev.emrsessionstarter.harness.run;

/** Stops a local run before it calls the handler, with a one-line message and the exit status it ends with. */
final class LocalRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ExitCode exitCode;

    private LocalRunException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A bad option, an unreadable file, an event of the wrong shape. */
    static LocalRunException usage(String message) {
        return new LocalRunException(ExitCode.USAGE, message);
    }

    /** A missing or malformed setting, or no AWS region or credentials for {@code --aws}. */
    static LocalRunException configuration(String message) {
        return new LocalRunException(ExitCode.CONFIGURATION, message);
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
