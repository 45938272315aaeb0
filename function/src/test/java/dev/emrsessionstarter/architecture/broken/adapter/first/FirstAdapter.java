package dev.emrsessionstarter.architecture.broken.adapter.first;

import dev.emrsessionstarter.architecture.broken.adapter.second.SecondAdapter;

/** An adapter that leans on another adapter. */
public final class FirstAdapter {

    public SecondAdapter second;
}
