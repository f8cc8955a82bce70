package io.metacortex.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code bin/metacortex plugin|user|token|audit}: the admin REST API of a running server from the command line. The
 * options {@code --url}, {@code --token} and {@code --json} may be given before or after the command.
 */
@Command(
        name = "metacortex",
        description = "Administers a running MetaCortex server through its admin API.",
        subcommands = {PluginCommand.class, UserCommand.class, TokenCommand.class, AuditCommand.class},
        synopsisSubcommandLabel = "(plugin | user | token | audit)",
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:usage error, no token, server unreachable or failing (5xx), file unreadable",
            "2:refused by the server (4xx; its error on stderr), or a preview that would be refused"
        },
        footer = {
            "",
            "The server itself, with bin/metacortex:",
            "  server [config.yml]   starts it (with conf/metacortex.yml by default)",
            "  check [config.yml]    checks its configuration"
        })
public final class MetaCortexCli implements Runnable {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            paramLabel = "<url>",
            description = "The server, its application port (env METACORTEX_URL; default " + DEFAULT_URL + ")")
    private String url;

    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "<token>",
            description = "An admin's bearer token (env METACORTEX_TOKEN, which keeps it out of the process list)")
    private String token;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the API's JSON answer instead of a table")
    private boolean json;

    @Option(
            names = {"-h", "--help"},
            scope = ScopeType.INHERIT,
            usageHelp = true,
            description = "Show this help")
    private boolean help;

    MetaCortexCli(Map<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** @return the command line, reading {@code METACORTEX_URL} and {@code METACORTEX_TOKEN} from {@code environment} */
    static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new MetaCortexCli(environment));
        commandLine.setExecutionExceptionHandler(MetaCortexCli::failed);
        exitOneOnUsageErrors(commandLine);
        return commandLine;
    }

    /** picocli exits 2 on a usage error by default; here 2 means refused by the server, so each command exits 1. */
    private static void exitOneOnUsageErrors(CommandLine command) {
        command.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.FAILED);
        command.getSubcommands().values().forEach(MetaCortexCli::exitOneOnUsageErrors);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: plugin, user, token or audit");
    }

    boolean json() {
        return json;
    }

    /** @throws CliFailure when no token is given or the URL is not one */
    AdminClient client() {
        String chosenToken = token != null ? token : environment.get("METACORTEX_TOKEN");
        if (chosenToken == null || chosenToken.isBlank()) {
            throw new CliFailure("No admin token: pass --token <token> or set METACORTEX_TOKEN (on the server,"
                    + " data/admin-token holds the bootstrap token; an admin's personal token with scope admin works"
                    + " too).");
        }
        if (chosenToken.trim().chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new CliFailure("The admin token holds spaces or control characters, which no token has: give it"
                    + " exactly as data/admin-token or the answer of token create holds it.");
        }
        String chosenUrl = url != null ? url : environment.getOrDefault("METACORTEX_URL", DEFAULT_URL);
        URI base;
        try {
            base = URI.create(chosenUrl.endsWith("/") ? chosenUrl : chosenUrl + "/");
        } catch (IllegalArgumentException e) {
            throw new CliFailure("Not a URL: '" + chosenUrl + "' (" + e.getMessage() + ").");
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new CliFailure(
                    "Not an http(s) URL: '" + chosenUrl + "'. Give the server's address, e.g. " + DEFAULT_URL + ".");
        }
        return new AdminClient(base, chosenToken.trim());
    }

    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof ApiError error) {
            error.printTo(err);
            err.flush();
            return error.exitCode();
        }
        err.println("metacortex: " + (e instanceof CliFailure ? e.getMessage() : "failed: " + e));
        err.flush();
        return ExitCodes.FAILED;
    }
}
