package io.metacortex.notes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.testing.TestPluginContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The lookup in a class loader where {@code io.metacortex.tasks.api} is missing, as in a bundle whose optional import
 * is not wired: it answers UNAVAILABLE without ever loading {@link TasksBridge} (which could then never load again
 * in that class loader), and without asking the context for services.
 */
class WithoutTasksApiTest {

    /** Loads the notes classes itself (child first) and finds no class of the tasks plugin. */
    private static final class NoTasksClassLoader extends URLClassLoader {

        NoTasksClassLoader() {
            super(
                    new URL[] {
                        TasksPluginLookup.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                    },
                    WithoutTasksApiTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("io.metacortex.tasks.")) {
                    throw new ClassNotFoundException(name);
                }
                if (name.startsWith("io.metacortex.notes.")) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
                return super.loadClass(name, resolve);
            }
        }

        boolean hasLoaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void withoutTheTasksApiEveryLinkedTaskIsUnavailableAndTheBridgeIsNeverLoaded() throws Exception {
        TestPluginContext context = TestPluginContext.of("notes");
        try (NoTasksClassLoader loader = new NoTasksClassLoader()) {
            Class<?> lookupClass = loader.loadClass(TasksPluginLookup.class.getName());
            assertThat(lookupClass.getClassLoader()).isSameAs(loader);
            Object lookup = lookupClass.getConstructor(PluginContext.class).newInstance(context);

            Object tasks = lookupClass
                    .getMethod("find", UUID.class, List.class)
                    .invoke(lookup, UUID.randomUUID(), List.of(4L, 2L));

            assertThat(tasks)
                    .asString()
                    .isEqualTo("[LinkedTask[id=4, title=null, status=UNAVAILABLE], "
                            + "LinkedTask[id=2, title=null, status=UNAVAILABLE]]");
            assertThat(loader.hasLoaded(TasksBridge.class.getName())).isFalse();
            assertThat(context.serviceLookups())
                    .as("services asked of the context")
                    .isEmpty();
            Class<?> bridge = loader.loadClass(TasksBridge.class.getName());
            Method findAll = bridge.getDeclaredMethod("findAll", PluginContext.class, UUID.class, List.class);
            findAll.setAccessible(true);
            assertThatThrownBy(() -> findAll.invoke(null, context, UUID.randomUUID(), List.of(4L)))
                    .as("what calling the bridge would have done")
                    .isInstanceOf(InvocationTargetException.class)
                    .cause()
                    .isInstanceOf(NoClassDefFoundError.class);
        }
    }
}
