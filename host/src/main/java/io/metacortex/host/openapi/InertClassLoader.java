package io.metacortex.host.openapi;

import java.util.Map;

/**
 * Defines a plugin bundle's classes {@link InertClasses inert}, its own first, and finds the rest (the plugin API,
 * JAX-RS, Jackson, the swagger annotations) in the host's loader. Thrown away after one reading: nothing in it can
 * run, and nothing outside it keeps its classes.
 */
final class InertClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classFiles;

    /** @param classFiles binary class name to the class file as the bundle holds it */
    InertClassLoader(Map<String, byte[]> classFiles, ClassLoader host) {
        super("metacortex-api-preview", host);
        this.classFiles = classFiles;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                byte[] classFile = name.startsWith("java.") ? null : classFiles.get(name);
                if (classFile == null) {
                    return super.loadClass(name, resolve);
                }
                byte[] inert = InertClasses.inert(classFile);
                type = defineClass(name, inert, 0, inert.length);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }
}
