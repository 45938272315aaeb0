package dev.emrsessionstarter.architecture.broken.entrypoint;

import dev.emrsessionstarter.architecture.broken.adapter.second.SecondAdapter;

/** An entry point that builds its adapter instead of taking the wiring's assembly. */
public final class EntryPointBuildingAnAdapter {

    public SecondAdapter adapter = new SecondAdapter();
}
