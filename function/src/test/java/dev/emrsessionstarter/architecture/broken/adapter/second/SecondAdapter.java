package dev.emrsessionstarter.architecture.broken.adapter.second;

/** An adapter of its own. */
public final class SecondAdapter {
}
