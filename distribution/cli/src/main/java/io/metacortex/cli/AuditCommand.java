package io.metacortex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metacortex audit}: the audit trail, newest first, a page at a time ({@code /admin/audit}). */
@Command(name = "audit", description = "The audit trail, newest first.")
final class AuditCommand extends AdminCommand {

    @Option(names = "--action", paramLabel = "<action>", description = "Only this action, e.g. plugin.install")
    String action;

    @Option(names = "--actor", paramLabel = "<actor>", description = "Only this actor, as the ACTOR column shows it")
    String actor;

    @Option(names = "--limit", paramLabel = "<n>", description = "Entries per page, 1 to 500 (default 50)")
    String limit;

    @Option(
            names = "--before",
            paramLabel = "<id>",
            description = "Entries older than this id: the previous page's last, as its footer says")
    String before;

    @Override
    int run(AdminClient api, boolean json) {
        AdminClient.Answer answer = api.get(AdminClient.withQuery(
                "admin/audit", "limit", limit, "before", before, "action", action, "actor", actor));
        if (json) {
            return printJson(answer);
        }
        JsonNode page = answer.json();
        if (page.path("items").isEmpty()) {
            out().println("No audit entries.");
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "AT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "FROM", "DETAIL");
        page.get("items")
                .forEach(e -> table.row(
                        field(e, "id"),
                        field(e, "at"),
                        field(e, "actor"),
                        field(e, "action"),
                        field(e, "target"),
                        field(e, "outcome"),
                        field(e, "sourceIp"),
                        field(e, "detail")));
        table.printTo(out());
        if (page.hasNonNull("nextBefore")) {
            out().println("Older entries: add --before "
                    + page.get("nextBefore").asText());
        }
        return ExitCodes.OK;
    }
}
