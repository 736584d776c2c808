package io.streamhub.shared.app;

/**
 * The one place per-app defaults live (documented in docs/app-config.md). {@link AppConfigJson}
 * applies them when it reads a document, so config-service's effective config and every reader's
 * view of a field the file left out are the same value.
 */
public final class AppDefaults {

    public static final int SEGMENT_SECONDS = 6;
    public static final int LIST_SIZE = 6;
    public static final String RENDITION = "720p";
    public static final EffectiveAppConfig.EgressKind EGRESS = EffectiveAppConfig.EgressKind.ROOM_COMPOSITE;
    public static final String CDN_PROVIDER = "bunny";
    public static final boolean SIGNED = false;

    private AppDefaults() {
    }

    /** P2P is on by default exactly in the modes built on it. */
    public static boolean p2pEnabled(EffectiveAppConfig.Mode mode) {
        return mode.usesP2p();
    }
}
