package dev.emrsessionstarter.architecture.broken.core;

import dev.emrsessionstarter.architecture.broken.adapter.first.FirstAdapter;
import dev.emrsessionstarter.architecture.broken.core.other.NeedsTheCoreBack;
import software.amazon.awssdk.core.SdkBytes;

/** Breaks the core's rules: it knows an SDK type and an adapter, and its package needs another that needs it. */
public final class CoreWithEverythingWrong {

    public SdkBytes bytes;
    public FirstAdapter adapter;
    public NeedsTheCoreBack other;
}
