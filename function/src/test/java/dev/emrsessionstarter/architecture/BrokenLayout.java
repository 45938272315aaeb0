package dev.emrsessionstarter.architecture;

/**
 * A layout that breaks every rule once, so each rule is seen to fail: a cycle between {@code core} and
 * {@code core.other}, an AWS SDK type and an adapter in the core, one adapter using another, and an entry point
 * building an adapter itself.
 */
final class BrokenLayout {

    static final String ROOT = "dev.emrsessionstarter.architecture.broken";

    private BrokenLayout() {
    }
}
