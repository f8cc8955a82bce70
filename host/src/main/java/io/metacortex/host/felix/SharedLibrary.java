package io.metacortex.host.felix;

/**
 * A library the host shares with plugins: every package under {@code packagePrefix} in the jar that holds
 * {@code anchor} is exported by the system bundle, with the jar's own version.
 */
public record SharedLibrary(Class<?> anchor, String packagePrefix) {

    /** @return whether {@code pkg} is the prefix package itself or one below it */
    boolean covers(String pkg) {
        return pkg.equals(packagePrefix) || pkg.startsWith(packagePrefix + ".");
    }
}
