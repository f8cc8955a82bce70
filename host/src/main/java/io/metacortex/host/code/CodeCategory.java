package io.metacortex.host.code;

/**
 * What a forbidden call would let a plugin do to the host, and what a plugin uses instead. No permission a plugin
 * can declare unlocks any of these: the permissions unlock the host's guarded services on the plugin's context.
 */
public enum CodeCategory {
    PROCESS_CONTROL("process control", "nothing: the host owns the process (throw from start() to refuse to run)"),
    FILES_AND_ENVIRONMENT(
            "files and environment",
            "context.configuration() for settings, context.secrets() for keys (permission secrets), the database"
                    + " for data"),
    RAW_NETWORK("raw network", "context.http() (permission http:outbound)"),
    JDBC("JDBC", "context.jdbi(): connections as the plugin's own role, to its own schema"),
    REFLECTION(
            "reflection that opens code",
            "nothing: a plugin reaches its own classes, other plugins' exported packages and what the host exports"),
    NATIVE_CODE("native code", "nothing: plugins run Java only"),
    THREAD_CREATION("thread creation", "context.executor(), or context.jobs() for durable work");

    private final String label;
    private final String instead;

    CodeCategory(String label, String instead) {
        this.label = label;
        this.instead = instead;
    }

    /** @return the category as the 422 and the README name it, e.g. {@code process control} */
    public String label() {
        return label;
    }

    /** @return what a plugin uses instead */
    public String instead() {
        return instead;
    }
}
