package io.metacortex.host.modules;

/** A plugin's settings schema that cannot be used; the message names the setting and what is wrong with it. */
public final class SettingsSchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SettingsSchemaException(String message) {
        super(message);
    }
}
