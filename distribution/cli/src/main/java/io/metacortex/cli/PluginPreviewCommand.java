package io.metacortex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metacortex plugin preview <jar>}: what installing the jar (or upgrading to it) would do, changing nothing.
 * Exits 2 when the operation would be refused, so that a script can check a jar before it installs it.
 */
@Command(
        name = "preview",
        description = "What installing (or upgrading to) a jar would do: its permissions, the findings of the code"
                + " check and each refusal; changes nothing. Exits 2 when it would be refused.")
final class PluginPreviewCommand extends AdminCommand {

    @Parameters(paramLabel = "<jar>", description = "The plugin bundle")
    Path jar;

    @Option(names = "--force", description = "As for an upgrade: a lower or equal version would not be refused")
    boolean force;

    @Mixin
    PluginCommand.Accept accept;

    @Override
    int run(AdminClient api, boolean json) {
        AdminClient.Answer answer = api.jar(
                "POST",
                AdminClient.withQuery(PluginCommand.PLUGINS + "/preview", "force", force, "accept", accept.permissions),
                PluginCommand.read(jar));
        JsonNode preview = answer.json();
        if (json) {
            printJson(answer);
        } else {
            print(preview);
        }
        boolean refused = preview.path("refused").asBoolean();
        if (refused) {
            err().println("metacortex: the " + field(preview, "action") + " would be refused:");
            preview.path("refusals").forEach(r -> err().println("  " + field(r, "error") + ": " + field(r, "detail")));
            err().flush();
        }
        return refused ? ExitCodes.REFUSED : ExitCodes.OK;
    }

    private void print(JsonNode preview) {
        String versions = preview.hasNonNull("from")
                ? field(preview, "from") + " -> " + field(preview, "to")
                : field(preview, "to");
        out().println((preview.path("refused").asBoolean() ? "Would refuse: " : "Would do: ") + field(preview, "action")
                + " " + field(preview, "id") + " " + versions + ".");
        printFields(
                "permissions",
                field(preview, "permissions"),
                "to accept",
                field(preview, "permissionsToAccept"),
                "code trusted",
                preview.path("codeTrusted").asBoolean() ? "yes" : "no",
                "findings",
                preview.path("findings").isEmpty()
                        ? "none"
                        : "" + preview.get("findings").size(),
                "signature",
                field(preview.path("signature"), "status"),
                "migrations",
                preview.path("migrations").path("pending").isEmpty()
                        ? "none"
                        : field(preview.path("migrations"), "pending"),
                "rollback",
                rollback(preview),
                "API",
                api(preview.path("api")));
        preview.path("findings").forEach(f -> out().println("  " + Text.finding(f)));
        preview.path("api").path("breakingChanges").forEach(change -> out().println("  breaking: " + change.asText()));
        if (preview.hasNonNull("preview")) {
            out().println("Preview " + field(preview, "preview") + " (until " + field(preview, "expiresAt")
                    + "): pass --preview " + field(preview, "preview") + " to install or upgrade exactly this jar.");
        }
    }

    private static String rollback(JsonNode preview) {
        JsonNode migrations = preview.path("migrations");
        if (!"upgrade".equals(field(preview, "action")) || !migrations.has("rollbackPossible")) {
            return "-";
        }
        return migrations.path("rollbackPossible").asBoolean()
                ? "stays possible"
                : "lost: " + field(migrations, "detail");
    }

    private static String api(JsonNode api) {
        if (api.isMissingNode()) {
            return "-";
        }
        if (!api.path("available").asBoolean(true)) {
            return "not readable: " + field(api, "detail");
        }
        return (api.path("breaking").asBoolean() ? "BREAKING, " : "compatible, ")
                + api.path("added").size() + " operations added, "
                + api.path("removed").size() + " removed, "
                + api.path("changed").size() + " changed";
    }
}
