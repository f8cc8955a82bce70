package io.metacortex.db.plugin;

import java.io.Reader;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway a fixed list of scripts instead of letting it scan the classpath, which cannot see OSGi bundle
 * entries.
 */
final class ScriptResourceProvider implements ResourceProvider {

    private final List<MigrationScript> scripts;

    ScriptResourceProvider(List<MigrationScript> scripts) {
        this.scripts = List.copyOf(scripts);
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.stream()
                .filter(script -> script.fileName().equals(name))
                .findFirst()
                .map(ScriptResource::new)
                .orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return scripts.stream()
                .filter(script -> script.fileName().startsWith(prefix))
                .filter(script -> Arrays.stream(suffixes).anyMatch(script.fileName()::endsWith))
                .<LoadableResource>map(ScriptResource::new)
                .toList();
    }

    private static final class ScriptResource extends LoadableResource {

        private final MigrationScript script;

        ScriptResource(MigrationScript script) {
            this.script = script;
        }

        @Override
        public Reader read() {
            return new StringReader(script.sql());
        }

        @Override
        public String getAbsolutePath() {
            return "db/migration/" + script.fileName();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return script.fileName();
        }

        @Override
        public String getRelativePath() {
            return script.fileName();
        }
    }
}
