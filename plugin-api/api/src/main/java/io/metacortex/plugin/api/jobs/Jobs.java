package io.metacortex.plugin.api.jobs;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A plugin's background jobs, from {@link io.metacortex.plugin.api.PluginContext#jobs()}. Implemented by the host.
 *
 * <p>A job has a type, registered by the plugin with its handler, a key unique within its type (given, or made up by
 * the host), and a payload: an object the host writes as JSON with Jackson when the job is scheduled and reads back as
 * the type's payload class for each run. Use records or simple classes Jackson can read and write.
 *
 * <pre>{@code
 * public void start(PluginContext context) {
 *     context.jobs().register("send-digest", Digest.class, job -> mailer.send(job.payload()));
 *     context.jobs().schedule("send-digest", new Digest("weekly")).key("weekly-digest")
 *             .cron("0 0 7 * * MON", ZoneId.of("Europe/Berlin"));
 * }
 * }</pre>
 */
@ProviderType
public interface Jobs {

    /**
     * Registers the handler of a job type. Types can only be registered during {@link
     * io.metacortex.plugin.api.Plugin#start}; each version of the plugin registers the types it handles, and jobs of a
     * type the running version does not register wait, reported to the admin, until a version registers it again.
     *
     * @param type 1 to 64 characters: lower-case letters, digits, {@code .}, {@code _} and {@code -}, starting with a
     *     letter or digit, e.g. {@code send-digest}
     * @param payloadType the class each run's payload is read as
     * @param handler runs the jobs of this type
     * @throws IllegalStateException when called after {@code start} returned
     * @throws IllegalArgumentException when the type is not a valid name or is registered already
     */
    <T> void register(String type, Class<T> payloadType, JobHandler<T> handler);

    /**
     * Starts describing a job of a registered type; nothing is stored until one of the request's scheduling methods
     * ({@link JobRequest#now()}, {@link JobRequest#at}, {@link JobRequest#after}, {@link JobRequest#every}, {@link
     * JobRequest#cron}) is called.
     *
     * @param type a type this version of the plugin registered
     * @param payload the job's data, an instance of the type's payload class (or null), written as JSON
     * @throws IllegalArgumentException when the type is not registered, or the payload is not of its payload class
     * @throws IllegalStateException when this version of the plugin no longer runs
     */
    JobRequest schedule(String type, Object payload);

    /**
     * Deletes the job of this type with this key, whatever its state. A run in progress finishes, but nothing runs
     * after it: no retry, no next occurrence.
     *
     * @return whether there was such a job
     * @throws IllegalArgumentException when the type or key is not valid
     * @throws IllegalStateException when this version of the plugin no longer runs
     */
    boolean cancel(String type, String key);
}
