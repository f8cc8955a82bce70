package io.metacortex.db;

import io.metacortex.db.EmbeddedPostgresServer.LaunchMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who the PostgreSQL processes run as. PostgreSQL refuses to run as root, so a root JVM runs them either in a user
 * namespace ({@code unshare -U}, as zonky does) or, where user namespaces are blocked, as an unprivileged account
 * ({@code setpriv}). The data directory must belong to that identity.
 */
record ProcessIdentity(LaunchMode mode, List<String> prefix, int uid, int gid, String description) {

    private static final int ROOT = 0;

    /** @return the identity that works here: the current user, else a user namespace, else {@code nobody} */
    static ProcessIdentity detect() {
        if (currentUid() != ROOT) {
            return new ProcessIdentity(LaunchMode.CURRENT_USER, List.of(), -1, -1, "the current user");
        }
        if (ProcessRunner.tryRun(List.of("unshare", "-U", "true")).exitCode() == 0) {
            return new ProcessIdentity(
                    LaunchMode.USER_NAMESPACE,
                    List.of("unshare", "-U"),
                    ROOT,
                    ROOT,
                    "root in a user namespace (unshare -U)");
        }
        return unprivileged("nobody");
    }

    /** @return the identity of the named account; only root can switch to it */
    static ProcessIdentity unprivileged(String account) {
        if (currentUid() != ROOT) {
            throw new IllegalStateException("Running PostgreSQL as account '" + account
                    + "' needs a JVM running as root; this one runs as uid " + currentUid());
        }
        int uid = Integer.parseInt(ProcessRunner.run(List.of("id", "-u", account)));
        int gid = Integer.parseInt(ProcessRunner.run(List.of("id", "-g", account)));
        if (uid == ROOT) {
            throw new IllegalArgumentException("Account '" + account + "' is root; PostgreSQL refuses to run as root");
        }
        List<String> prefix = List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
        return new ProcessIdentity(
                LaunchMode.UNPRIVILEGED_ACCOUNT, prefix, uid, gid, "account '" + account + "' (uid " + uid + ")");
    }

    /** @return the command, run as this identity */
    List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        return full;
    }

    /**
     * Makes {@code directory} and everything in it belong to this identity, and checks that the identity can reach
     * it (every parent directory must grant it search permission).
     */
    void takeOwnership(Path directory) {
        if (mode == LaunchMode.CURRENT_USER) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.toList()) {
                if (((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue() != uid
                        || ((Number) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS)).intValue()
                                != gid) {
                    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                }
            }
            grantPassage(directory.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not hand " + directory + " to " + description, e);
        }
        if (ProcessRunner.tryRun(command(List.of("test", "-w", directory.toString())))
                        .exitCode()
                != 0) {
            throw new IllegalStateException("PostgreSQL runs as " + description + ", which cannot write to " + directory
                    + "; grant it search permission on every parent directory (chmod o+x)");
        }
    }

    /**
     * Lets an unprivileged account pass through the directory holding the cluster, which the host keeps private to
     * root (0700): search permission for others, not read, so the account reaches its cluster and lists nothing.
     */
    private void grantPassage(Path parent) throws IOException {
        if (mode != LaunchMode.UNPRIVILEGED_ACCOUNT
                || ((Number) Files.getAttribute(parent, "unix:uid")).intValue() != ROOT) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(parent);
        if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
            Files.setPosixFilePermissions(parent, permissions);
        }
    }

    private static int currentUid() {
        return (int) new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
