package io.metacortex.host.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.task.AbstractTask;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.SchedulableTaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.metacortex.host.threads.ContextClassLoader;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one db-scheduler task that runs every plugin's jobs: it passes each run through {@link JobTypes}' gate, calls
 * the plugin's handler with the plugin's id in the MDC, and completes the run as the outcome says: deleted, rescheduled
 * (by the handler, or at the recurrence's next time), retried after a backoff, or held back as failed once its attempts
 * are exhausted. Nothing a handler throws reaches db-scheduler's threads other than as a failed run.
 */
final class PluginJobTask extends AbstractTask<JobData> {

    /** db-scheduler's {@code task_name} of plugin jobs. */
    static final String NAME = "plugin-job";
    /** The MDC key naming the plugin, as while it serves a request. */
    static final String MDC_KEY = "plugin";

    private static final Logger LOG = LoggerFactory.getLogger(PluginJobTask.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final JobTypes types;
    private final JobMetrics metrics;

    PluginJobTask(JobTypes types, JobStore store, Backoff backoff, JobMetrics metrics) {
        super(
                NAME,
                JobData.class,
                new Retries(store, backoff, metrics),
                new DeadExecutionHandler.ReviveDeadExecution<>());
        this.types = types;
        this.metrics = metrics;
    }

    @Override
    public SchedulableInstance<JobData> schedulableInstance(String id) {
        return new SchedulableTaskInstance<>(instance(id), now -> now);
    }

    @Override
    public SchedulableInstance<JobData> schedulableInstance(String id, JobData data) {
        return new SchedulableTaskInstance<>(instance(id, data), now -> now);
    }

    @Override
    public CompletionHandler<JobData> execute(TaskInstance<JobData> instance, ExecutionContext context) {
        Execution execution = context.getExecution();
        JobId id = JobId.parse(instance.getId());
        JobData data = instance.getData();
        JobTypes.Admission admission = types.admit(id, execution);
        if (admission == null) {
            return (complete, operations) -> {};
        }
        MDC.put(MDC_KEY, id.pluginId());
        long started = System.nanoTime();
        try {
            RunningJob<?> run = run(admission.jobs(), admission.registration(), id, data, execution);
            metrics.ran(id, Duration.ofNanos(System.nanoTime() - started), true);
            return (complete, operations) -> succeeded(complete, operations, data, run);
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            metrics.ran(id, Duration.ofNanos(System.nanoTime() - started), false);
            throw new JobRunFailed(describe(e), e);
        } finally {
            admission.exit();
            MDC.remove(MDC_KEY);
        }
    }

    private static <T> RunningJob<T> run(
            PluginJobs jobs, PluginJobs.Registration<T> registration, JobId id, JobData data, Execution execution)
            throws Exception {
        T payload;
        try {
            payload = jobs.read(registration, data.payload());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("its payload could not be read: " + e.getMessage(), e);
        }
        RunningJob<T> job = new RunningJob<>(
                jobs, registration, id, payload, execution.consecutiveFailures + 1, execution.executionTime);
        // The plugin's class loader as context class loader, as while it serves a request: threads it starts inherit
        // it.
        ContextClassLoader.run(
                registration.handler().getClass().getClassLoader(),
                () -> registration.handler().handle(job));
        return job;
    }

    private void succeeded(
            ExecutionComplete complete, ExecutionOperations<JobData> operations, JobData data, RunningJob<?> run) {
        try {
            if (run.rescheduledAt() != null) {
                JsonNode payload = run.rescheduledPayload() == null ? data.payload() : run.rescheduledPayload();
                operations.reschedule(
                        complete, run.rescheduledAt(), data.withPayload(payload).withLastError(null));
            } else if (data.recurring()) {
                Instant next = data.schedule().getNextExecutionTime(complete);
                operations.reschedule(complete, next, data.lastError() == null ? data : data.withLastError(null));
            } else {
                operations.remove();
            }
        } catch (ExecutionException cancelled) {
            LOG.debug(
                    "Job {} was cancelled while it ran",
                    complete.getExecution().taskInstance.getId());
        }
    }

    /** What a failed run leaves as the job's last error: the exception's message, never its class. */
    static String describe(Throwable e) {
        Throwable cause =
                e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null || cause.getMessage().isBlank()
                ? "the handler failed without a message (see the host's log)"
                : cause.getMessage();
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) + "..." : message;
    }

    /** A handler's failure, carried to db-scheduler's failure handling ({@link Retries}). */
    static final class JobRunFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        JobRunFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A failed run is retried after {@link Backoff}'s delay until the job's attempts are exhausted; it is then held
     * back as failed, with its last error, until an admin retries or deletes it.
     */
    private static final class Retries implements FailureHandler<JobData> {

        private final JobStore store;
        private final Backoff backoff;
        private final JobMetrics metrics;
        private final JobDataSerializer serializer = new JobDataSerializer();

        Retries(JobStore store, Backoff backoff, JobMetrics metrics) {
            this.store = store;
            this.backoff = backoff;
            this.metrics = metrics;
        }

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<JobData> operations) {
            Execution execution = complete.getExecution();
            JobId id = JobId.parse(execution.taskInstance.getId());
            JobData data = (JobData) execution.taskInstance.getData();
            Throwable cause = complete.getCause().orElse(null);
            String error = cause == null ? "failed" : cause.getMessage();
            Throwable thrown = cause instanceof JobRunFailed && cause.getCause() != null ? cause.getCause() : cause;
            int attempt = execution.consecutiveFailures + 1;
            MDC.put(MDC_KEY, id.pluginId());
            try {
                if (attempt >= data.maxAttempts()) {
                    store.hold(
                            execution,
                            JobState.FAILED,
                            serializer.serialize(data.withLastError(error)),
                            complete.getTimeDone());
                    LOG.warn(
                            "Job {} failed (attempt {} of {}): {}. It stays failed until an admin retries or deletes"
                                    + " it (GET /admin/jobs?state=failed)",
                            id.instance(),
                            attempt,
                            data.maxAttempts(),
                            error,
                            thrown);
                } else {
                    Instant next = complete.getTimeDone()
                            .plus(backoff.delay(attempt, data.backoffInitial(), data.backoffMax()));
                    operations.reschedule(complete, next, data.withLastError(error));
                    metrics.retried(id);
                    LOG.warn(
                            "Job {} failed (attempt {} of {}): {}. Retrying at {}",
                            id.instance(),
                            attempt,
                            data.maxAttempts(),
                            error,
                            next,
                            thrown);
                }
            } catch (ExecutionException cancelled) {
                LOG.debug("Job {} was cancelled while it ran", id.instance());
            } finally {
                MDC.remove(MDC_KEY);
            }
        }
    }
}
