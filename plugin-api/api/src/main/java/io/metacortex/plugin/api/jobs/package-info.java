/**
 * Background jobs: work a plugin hands to the host to run later, once or on a schedule, with retries.
 *
 * <p>A plugin registers the job types it handles during {@link io.metacortex.plugin.api.Plugin#start} through
 * {@link io.metacortex.plugin.api.PluginContext#jobs()}, then schedules jobs of those types at any time: now, at an
 * instant, after a delay, at a fixed delay after each run, or by a cron expression in a time zone. The host keeps
 * every job in PostgreSQL until it succeeded (or is cancelled), retries a failing one with exponential backoff and
 * jitter, and runs each run on exactly one host, however many share the database.
 *
 * <p>Jobs belong to their plugin: while it is disabled or uninstalled (without purge) they wait, neither failed nor
 * counted as attempts, and they run again once it is enabled or installed again. During an upgrade the runs in
 * flight finish on the old version while the new one takes the next jobs. Uninstalling with purge deletes them.
 *
 * <p>Runs are at least once: a host that dies in the middle of a run leaves it to run again elsewhere, so a handler
 * should be idempotent.
 *
 * @since 1.3 of {@code io.metacortex.plugin.api}
 */
@Version("1.0.0")
@Export
package io.metacortex.plugin.api.jobs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
