package io.metacortex.host.threads;

/**
 * Runs plugin code with the plugin's class loader as the thread's context class loader, as a servlet container does
 * for a web application's code: libraries that look classes up through it find the plugin's, and a thread the plugin
 * starts inherits it, which is how {@link LeftoverThreads} recognises the plugin's threads once it stopped.
 */
public final class ContextClassLoader {

    private ContextClassLoader() {}

    /** Code that may throw anything: the caller handles it as it would if it had called the code itself. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T call() throws E;
    }

    /** Work without a result. */
    @FunctionalInterface
    public interface VoidWork<E extends Exception> {
        void run() throws E;
    }

    /**
     * @param loader the context class loader while {@code work} runs; null leaves the current one
     * @return what {@code work} returned
     */
    public static <T, E extends Exception> T call(ClassLoader loader, Work<T, E> work) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (loader == null || loader == previous) {
            return work.call();
        }
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** @param loader the context class loader while {@code work} runs; null leaves the current one */
    public static <E extends Exception> void run(ClassLoader loader, VoidWork<E> work) throws E {
        call(loader, () -> {
            work.run();
            return null;
        });
    }
}
