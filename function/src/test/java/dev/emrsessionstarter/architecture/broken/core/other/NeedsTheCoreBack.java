package dev.emrsessionstarter.architecture.broken.core.other;

import dev.emrsessionstarter.architecture.broken.core.CoreWithEverythingWrong;

/** The other half of a package cycle. */
public final class NeedsTheCoreBack {

    public CoreWithEverythingWrong core;
}
