package io.metacortex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that calls the admin API once or a few times and prints the answer: a table, or with --json the JSON. */
abstract class AdminCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        MetaCortexCli cli = (MetaCortexCli) spec.root().userObject();
        int exitCode = run(cli.client(), cli.json());
        out().flush();
        return exitCode;
    }

    /** @return the exit code */
    abstract int run(AdminClient api, boolean json);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the API's answer as it came. */
    int printJson(AdminClient.Answer answer) {
        out().println(answer.body());
        return ExitCodes.OK;
    }

    /** Prints label and value rows. */
    void printFields(String... labelsAndValues) {
        Table table = new Table();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            table.row(labelsAndValues[i], labelsAndValues[i + 1]);
        }
        table.printTo(out());
    }

    static String field(JsonNode node, String name) {
        return Text.field(node, name);
    }
}
