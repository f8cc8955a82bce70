package io.metacortex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metacortex token create}: a user's personal access tokens, {@code /admin/users/{id}/tokens}. */
@Command(
        name = "token",
        description = "Create personal access tokens.",
        subcommands = {TokenCommand.Create.class})
final class TokenCommand extends CommandGroup {

    @Command(name = "create", description = "Creates a token for a user and prints it: it is shown this once.")
    static final class Create extends AdminCommand {

        @Option(names = "--user", required = true, paramLabel = "<id|e-mail>", description = "The user's id or e-mail")
        String user;

        @Option(names = "--name", required = true, paramLabel = "<name>", description = "What the token is for")
        String name;

        @Option(
                names = "--scope",
                paramLabel = "<scope>",
                description = "api:read, api:write or admin; repeat it for each (default: all the user may hold)")
        List<String> scopes;

        @Option(
                names = "--expires-at",
                paramLabel = "<instant>",
                description = "When it stops working, e.g. 2027-01-31T00:00:00Z (default: never)")
        String expiresAt;

        @Override
        int run(AdminClient api, boolean json) {
            String userId = userId(api);
            ObjectNode body = AdminClient.json().createObjectNode().put("name", name);
            if (scopes != null) {
                scopes.forEach(body.putArray("scopes")::add);
            }
            if (expiresAt != null) {
                body.put("expiresAt", expiresAt);
            }
            AdminClient.Answer answer =
                    api.postJson(UserCommand.USERS + "/" + AdminClient.segment(userId) + "/tokens", body);
            if (json) {
                return printJson(answer);
            }
            JsonNode token = answer.json();
            out().println("Created token " + field(token, "name") + " for user " + user + ".");
            printFields(
                    "id", field(token, "id"),
                    "scopes", field(token, "scopes"),
                    "expires at", token.hasNonNull("expiresAt") ? field(token, "expiresAt") : "never");
            out().println("The token (shown this once; keep it secret):");
            out().println(field(token, "token"));
            return ExitCodes.OK;
        }

        /** @return the id of the user named by {@code --user}: an id as given, an e-mail looked up */
        private String userId(AdminClient api) {
            if (!user.contains("@")) {
                return user;
            }
            String email = user.trim().toLowerCase(Locale.ROOT);
            for (JsonNode one : api.get(UserCommand.USERS).json()) {
                if (field(one, "email").toLowerCase(Locale.ROOT).equals(email)) {
                    return field(one, "id");
                }
            }
            throw ApiError.refusal("user not found", "No user has the e-mail " + user + ".");
        }
    }
}
