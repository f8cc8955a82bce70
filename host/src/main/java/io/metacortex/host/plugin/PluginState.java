package io.metacortex.host.plugin;

/** What the registry says of a plugin. */
public enum PluginState {
    /** Loaded and routed. */
    ACTIVE,
    /** Installed but not loaded, by an admin's choice; its data is kept. */
    DISABLED,
    /** Should be active but could not be loaded (the reason is kept); the rest of the host runs. */
    FAILED
}
