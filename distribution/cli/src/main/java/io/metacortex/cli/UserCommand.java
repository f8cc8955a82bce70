package io.metacortex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metacortex user create}: users of installations without an identity provider, {@code /admin/users}. */
@Command(
        name = "user",
        description = "Create users.",
        subcommands = {UserCommand.Create.class})
final class UserCommand extends CommandGroup {

    static final String USERS = "admin/users";

    @Command(name = "create", description = "Creates a user (then give them a token: metacortex token create).")
    static final class Create extends AdminCommand {

        @Option(names = "--email", required = true, paramLabel = "<e-mail>", description = "Their e-mail address")
        String email;

        @Option(names = "--name", required = true, paramLabel = "<name>", description = "Their display name")
        String displayName;

        @Option(
                names = "--role",
                paramLabel = "<role>",
                description = "admin or user (every user has the role user); repeat it for each")
        List<String> roles;

        @Option(
                names = "--time-zone",
                paramLabel = "<zone>",
                description = "An IANA time zone, e.g. Europe/Berlin (default UTC)")
        String timeZone;

        @Override
        int run(AdminClient api, boolean json) {
            ObjectNode body =
                    AdminClient.json().createObjectNode().put("email", email).put("displayName", displayName);
            if (roles != null) {
                roles.forEach(body.putArray("roles")::add);
            }
            if (timeZone != null) {
                body.put("timeZone", timeZone);
            }
            AdminClient.Answer answer = api.postJson(USERS, body);
            if (json) {
                return printJson(answer);
            }
            JsonNode user = answer.json();
            out().println("Created user " + field(user, "email") + ".");
            printFields(
                    "id", field(user, "id"),
                    "e-mail", field(user, "email"),
                    "name", field(user, "displayName"),
                    "roles", field(user, "roles"),
                    "time zone", field(user, "timeZone"),
                    "created at", field(user, "createdAt"));
            return ExitCodes.OK;
        }
    }
}
