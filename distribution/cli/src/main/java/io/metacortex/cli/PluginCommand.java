package io.metacortex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metacortex plugin ...}: the plugin admin API, {@code /admin/plugins}. */
@Command(
        name = "plugin",
        description = "List, install, upgrade, roll back, disable, enable and uninstall plugins.",
        subcommands = {
            PluginCommand.ListPlugins.class,
            PluginCommand.Show.class,
            PluginCommand.Install.class,
            PluginPreviewCommand.class,
            PluginCommand.Upgrade.class,
            PluginCommand.Rollback.class,
            PluginCommand.Disable.class,
            PluginCommand.Enable.class,
            PluginCommand.Uninstall.class,
            PluginCommand.Purge.class
        })
final class PluginCommand extends CommandGroup {

    static final String PLUGINS = "admin/plugins";

    static String path(String id) {
        return PLUGINS + "/" + AdminClient.segment(id);
    }

    /** The permissions accepted with an operation, each option one label as GET /admin/plugins shows them. */
    static final class Accept {

        @Option(
                names = "--accept",
                paramLabel = "<permission>",
                description = "A permission the plugin declares that you accept, as the plugin list labels it, e.g."
                        + " users:read or 'http:outbound(api.example.com)'; repeat it for each")
        List<String> permissions = List.of();
    }

    /** The preview an install or upgrade must match (plugin preview prints its id). */
    static final class Reviewed {

        @Option(
                names = "--preview",
                paramLabel = "<id>",
                description = "The id plugin preview printed: the host refuses the operation unless it is exactly what"
                        + " was previewed (the same jar, accepted permissions and installed version)")
        String id;
    }

    @Command(name = "list", description = "The installed plugins, and the deploy folder's files that failed.")
    static final class ListPlugins extends AdminCommand {

        @Override
        int run(AdminClient api, boolean json) {
            AdminClient.Answer answer = api.get(PLUGINS);
            if (json) {
                return printJson(answer);
            }
            JsonNode body = answer.json();
            if (body.path("plugins").isEmpty()) {
                out().println("No plugins installed.");
            } else {
                Table table = new Table("ID", "VERSION", "STATE", "PREVIOUS", "PERMISSIONS", "UPDATED");
                body.get("plugins")
                        .forEach(p -> table.row(
                                field(p, "id"),
                                field(p, "version"),
                                field(p, "state"),
                                field(p, "previousVersion"),
                                field(p, "permissions"),
                                field(p, "updatedAt")));
                table.printTo(out());
            }
            if (!body.path("deployProblems").isEmpty()) {
                out().println();
                out().println("Deploy folder files not installed:");
                Table problems = new Table("FILE", "ERROR", "DETAIL", "AT");
                body.get("deployProblems")
                        .forEach(p ->
                                problems.row(field(p, "file"), field(p, "error"), field(p, "detail"), field(p, "at")));
                problems.printTo(out());
            }
            return ExitCodes.OK;
        }
    }

    /** A command answering one plugin, printed as label and value rows after a sentence. */
    abstract static class OnePlugin extends AdminCommand {

        @Override
        final int run(AdminClient api, boolean json) {
            AdminClient.Answer answer = call(api);
            if (json) {
                return printJson(answer);
            }
            JsonNode plugin = answer.json();
            out().println(done(plugin));
            PluginCommand.print(this, plugin);
            return ExitCodes.OK;
        }

        abstract AdminClient.Answer call(AdminClient api);

        /** @return the sentence saying what was done */
        abstract String done(JsonNode plugin);
    }

    /** Prints the plugin as label and value rows; a failure reason and a source only when it has them. */
    static void print(AdminCommand command, JsonNode plugin) {
        List<String> rows = new ArrayList<>(List.of(
                "id", field(plugin, "id"),
                "name", field(plugin, "name"),
                "version", field(plugin, "version"),
                "previous version", field(plugin, "previousVersion"),
                "state", field(plugin, "state")));
        if (plugin.hasNonNull("failureReason")) {
            rows.addAll(List.of("failure", field(plugin, "failureReason")));
        }
        rows.addAll(List.of("routes", field(plugin, "basePath")));
        if (plugin.hasNonNull("source")) {
            rows.addAll(List.of("source", field(plugin, "source")));
        }
        rows.addAll(List.of(
                "permissions", field(plugin, "permissions"),
                "accepted", field(plugin, "acceptedPermissions"),
                "installed at", field(plugin, "installedAt"),
                "updated at", field(plugin, "updatedAt")));
        command.printFields(rows.toArray(String[]::new));
    }

    private static String field(JsonNode node, String name) {
        return Text.field(node, name);
    }

    /** @return the jar's bytes */
    static byte[] read(Path jar) {
        try {
            return Files.readAllBytes(jar);
        } catch (NoSuchFileException e) {
            throw new CliFailure("No such file: " + jar.toAbsolutePath());
        } catch (IOException e) {
            throw new CliFailure("Cannot read " + jar.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    @Command(name = "show", description = "One installed plugin.")
    static final class Show extends OnePlugin {

        @Parameters(paramLabel = "<id>", description = "The plugin's id")
        String id;

        @Override
        AdminClient.Answer call(AdminClient api) {
            return api.get(path(id));
        }

        @Override
        String done(JsonNode plugin) {
            return "Plugin " + field(plugin, "id") + ":";
        }
    }

    @Command(name = "install", description = "Installs a plugin from its jar.")
    static final class Install extends OnePlugin {

        @Parameters(paramLabel = "<jar>", description = "The plugin bundle")
        Path jar;

        @Mixin
        Accept accept;

        @Mixin
        Reviewed reviewed;

        @Override
        AdminClient.Answer call(AdminClient api) {
            return api.jar(
                    "POST",
                    AdminClient.withQuery(PLUGINS, "accept", accept.permissions, "preview", reviewed.id),
                    read(jar));
        }

        @Override
        String done(JsonNode plugin) {
            return "Installed " + field(plugin, "id") + " " + field(plugin, "version") + ".";
        }
    }

    @Command(name = "upgrade", description = "Replaces a plugin by a newer version, keeping the current for rollback.")
    static final class Upgrade extends OnePlugin {

        @Parameters(index = "0", paramLabel = "<id>", description = "The installed plugin's id")
        String id;

        @Parameters(index = "1", paramLabel = "<jar>", description = "The newer plugin bundle")
        Path jar;

        @Option(names = "--force", description = "Replace even with a lower or equal version")
        boolean force;

        @Mixin
        Accept accept;

        @Mixin
        Reviewed reviewed;

        @Override
        AdminClient.Answer call(AdminClient api) {
            return api.jar(
                    "PUT",
                    AdminClient.withQuery(
                            path(id), "force", force, "accept", accept.permissions, "preview", reviewed.id),
                    read(jar));
        }

        @Override
        String done(JsonNode plugin) {
            return "Upgraded " + field(plugin, "id") + " from " + field(plugin, "previousVersion") + " to "
                    + field(plugin, "version") + ".";
        }
    }

    @Command(name = "rollback", description = "Returns a plugin to its version before the last upgrade.")
    static final class Rollback extends OnePlugin {

        @Parameters(paramLabel = "<id>", description = "The plugin's id")
        String id;

        @Mixin
        Accept accept;

        @Override
        AdminClient.Answer call(AdminClient api) {
            return api.call("POST", AdminClient.withQuery(path(id) + "/rollback", "accept", accept.permissions));
        }

        @Override
        String done(JsonNode plugin) {
            return "Rolled " + field(plugin, "id") + " back to " + field(plugin, "version") + ".";
        }
    }

    @Command(name = "disable", description = "Withdraws a plugin's routes and unloads it; its data is kept.")
    static final class Disable extends OnePlugin {

        @Parameters(paramLabel = "<id>", description = "The plugin's id")
        String id;

        @Override
        AdminClient.Answer call(AdminClient api) {
            return api.call("POST", path(id) + "/disable");
        }

        @Override
        String done(JsonNode plugin) {
            return "Disabled " + field(plugin, "id") + ".";
        }
    }

    @Command(name = "enable", description = "Loads a disabled or failed plugin again.")
    static final class Enable extends OnePlugin {

        @Parameters(paramLabel = "<id>", description = "The plugin's id")
        String id;

        @Mixin
        Accept accept;

        @Override
        AdminClient.Answer call(AdminClient api) {
            return api.call("POST", AdminClient.withQuery(path(id) + "/enable", "accept", accept.permissions));
        }

        @Override
        String done(JsonNode plugin) {
            return "Enabled " + field(plugin, "id") + " " + field(plugin, "version") + ".";
        }
    }

    @Command(
            name = "uninstall",
            description = "Uninstalls a plugin, keeping its schema and data for a later install (see purge).")
    static final class Uninstall extends AdminCommand {

        @Parameters(paramLabel = "<id>", description = "The plugin's id")
        String id;

        @Override
        int run(AdminClient api, boolean json) {
            api.call("DELETE", path(id));
            if (!json) {
                out().println("Uninstalled " + id + "; its schema and data are kept (plugin purge " + id
                        + " drops them).");
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "purge",
            description = "Uninstalls a plugin if installed and drops its schema, data and secrets, also those an"
                    + " earlier uninstall kept.")
    static final class Purge extends AdminCommand {

        @Parameters(paramLabel = "<id>", description = "The plugin's id")
        String id;

        @Override
        int run(AdminClient api, boolean json) {
            api.call("DELETE", AdminClient.withQuery(path(id), "purge", true));
            if (!json) {
                out().println("Purged " + id + ": uninstalled, its schema and data dropped.");
            }
            return ExitCodes.OK;
        }
    }
}
