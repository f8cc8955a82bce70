package io.metacortex.host.code;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Code a plugin must not hold, compiled but never run: {@link CodeCheckTest} reads this class file and expects a
 * finding in each method (and none in {@link #allowed()}).
 */
@SuppressWarnings({"unused", "removal"})
final class ForbiddenSamples {

    native void nativeMethod();

    Object processBuilderLiteral() {
        return ProcessBuilder.class;
    }

    Object exitLookedUp() throws ReflectiveOperationException {
        Method exit = System.class.getMethod("exit", int.class);
        return exit;
    }

    Object unsafeByName() throws ClassNotFoundException {
        return Class.forName("sun.misc.Unsafe");
    }

    ExecutorService pool() {
        return Executors.newFixedThreadPool(2);
    }

    PrintWriter fileByName() throws FileNotFoundException {
        return new PrintWriter("plugins/planted.txt");
    }

    Object openStream(URL url) throws java.io.IOException {
        return url.openStream();
    }

    Supplier<Object> environmentReference() {
        return System::getenv;
    }

    Object hostClassLoader() {
        return ClassLoader.getSystemClassLoader();
    }

    String property() {
        return System.getProperty("user.home");
    }

    /** What plugins do every day: none of it is forbidden. */
    Object allowed() throws ReflectiveOperationException, InterruptedException {
        Thread.sleep(1);
        Class<?> own = Class.forName("java.util.ArrayList", false, getClass().getClassLoader());
        Runnable task = () -> System.out.println(Thread.currentThread().getName());
        task.run();
        return own.getMethod("toString").invoke(this)
                + String.valueOf(System.currentTimeMillis())
                + Runtime.getRuntime().availableProcessors()
                + java.net.URI.create("https://example.org").getHost();
    }

    /** Extends a class loader: refused at its constructor's call of the superclass's. */
    static final class Loader extends ClassLoader {}

    /** Extends {@link Thread}: refused the same way. */
    static final class Worker extends Thread {}
}
