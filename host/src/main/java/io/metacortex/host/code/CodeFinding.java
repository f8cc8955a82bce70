package io.metacortex.host.code;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One forbidden reference found in a plugin's code.
 *
 * @param className the class holding it, e.g. {@code com.example.EvilPlugin}
 * @param method the method holding it with its parameter types, e.g. {@code start(io.metacortex.plugin.api.PluginContext)};
 *     absent for what the class declares itself (its superclass, a native method)
 * @param call what it refers to, e.g. {@code java.lang.System.exit(int)} or {@code java.lang.System::exit (method
 *     reference)}
 * @param category what that would let the plugin do, e.g. {@code process control}
 * @param unlockedBy the permission that would allow it: none does today
 * @param instead what a plugin uses instead
 * @param entry where the class is in the bundle: {@code com/example/EvilPlugin.class}, or
 *     {@code lib/evil.jar!/com/example/Evil.class} in an embedded jar
 */
public record CodeFinding(
        @JsonProperty("class") String className,
        @JsonInclude(JsonInclude.Include.NON_NULL) String method,
        String call,
        String category,
        String unlockedBy,
        String instead,
        String entry) {

    static CodeFinding of(String entry, String className, String method, String call, CodeRule rule) {
        return new CodeFinding(
                className,
                method,
                call,
                rule.category().label(),
                null,
                rule.category().instead(),
                entry);
    }

    /** @return the finding in one line, for logs and the 422's detail */
    public String describe() {
        return className + (method == null ? "" : "." + method) + " uses " + call + " (" + category + ")";
    }
}
