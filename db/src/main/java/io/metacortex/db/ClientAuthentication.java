package io.metacortex.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The cluster's {@code pg_hba.conf}: every role, the superuser included, proves its password (SCRAM-SHA-256), on
 * TCP and on a Unix socket alike. Clusters created by earlier versions trusted every local connection; the file is
 * rewritten when any of its lines lets a connection in without a password.
 */
final class ClientAuthentication {

    static final String CONTENT = """
            # Written by MetaCortex at each start that finds a line without password authentication: every role,
            # the superuser included, proves its password (SCRAM-SHA-256). The server listens on 127.0.0.1 only.
            # TYPE  DATABASE     USER  ADDRESS       METHOD
            local   all          all                 scram-sha-256
            host    all          all   127.0.0.1/32  scram-sha-256
            host    all          all   ::1/128       scram-sha-256
            local   replication  all                 scram-sha-256
            host    replication  all   127.0.0.1/32  scram-sha-256
            host    replication  all   ::1/128       scram-sha-256
            """;

    private static final Set<String> PASSWORD_METHODS = Set.of("scram-sha-256", "reject");

    private ClientAuthentication() {}

    static Path file(Path dataDirectory) {
        return dataDirectory.resolve("pg_hba.conf");
    }

    /** @return whether every line of the cluster's {@code pg_hba.conf} asks for a SCRAM password (or rejects) */
    static boolean requiresPasswords(Path dataDirectory) {
        try {
            return Files.readAllLines(file(dataDirectory), StandardCharsets.UTF_8).stream()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .allMatch(ClientAuthentication::asksForPassword);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file(dataDirectory), e);
        }
    }

    /** Rewrites {@code pg_hba.conf} in place (it keeps its owner, the account PostgreSQL runs as). */
    static void requirePasswords(Path dataDirectory) {
        try {
            Files.writeString(
                    file(dataDirectory),
                    CONTENT,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file(dataDirectory), e);
        }
    }

    private static boolean asksForPassword(String line) {
        String[] fields = line.split("\\s+");
        // local DATABASE USER METHOD [options]; host* DATABASE USER ADDRESS [MASK] METHOD [options]
        int method = fields[0].equals("local") ? 3 : 4;
        if (method < fields.length && fields[method].matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            method++;
        }
        return method < fields.length && PASSWORD_METHODS.contains(fields[method]);
    }
}
