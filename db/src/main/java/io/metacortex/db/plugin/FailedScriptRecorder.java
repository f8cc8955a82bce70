package io.metacortex.db.plugin;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Remembers which script Flyway was running when a migration failed. */
final class FailedScriptRecorder implements Callback {

    private volatile String failedScript;

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (context.getMigrationInfo() != null) {
            failedScript = context.getMigrationInfo().getScript();
        }
    }

    @Override
    public String getCallbackName() {
        return "metacortex-failed-script-recorder";
    }

    String failedScript() {
        return failedScript;
    }
}
