package io.metacortex.habits.internal;

import io.metacortex.plugin.api.events.Event;
import io.metacortex.plugin.api.events.EventHandler;
import io.metacortex.plugin.api.events.Events;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Checks habits in when a task is completed: the handler of the tasks plugin's durable event {@value #TYPE}. When a
 * user completes a task, every active habit of theirs linked to the task or to its recurrence series is checked in
 * today ({@link CheckInService#checkInLinkedHabits(Handle, UUID, java.util.Collection)}), in the delivery's
 * transaction: the host calls it once per completion, also when habits was disabled or the host restarted meanwhile.
 * Needs no class of the tasks plugin: the event's JSON is read as {@link TaskCompleted}.
 */
public final class TaskCompletions implements EventHandler<TaskCompletions.TaskCompleted> {

    /** The publisher of the events. */
    public static final String PUBLISHER = "tasks";
    /** The event type. */
    public static final String TYPE = "task.completed";

    private final CheckInService checkIns;

    TaskCompletions(CheckInService checkIns) {
        this.checkIns = Objects.requireNonNull(checkIns);
    }

    /**
     * What habits reads of a {@code task.completed} event (the tasks plugin sends more).
     *
     * @param id the task
     * @param seriesId the first task of its recurrence series (its own id when it does not recur)
     * @param userId the user who completed it
     */
    public record TaskCompleted(long id, long seriesId, UUID userId) {}

    /** Subscribes to the event; call during {@code Plugin.start}. */
    public static void subscribe(Events events, CheckInService checkIns) {
        events.subscribe(PUBLISHER, TYPE, TaskCompleted.class, new TaskCompletions(checkIns));
    }

    @Override
    public void handle(Event<TaskCompleted> event, Handle handle) {
        TaskCompleted task = event.payload();
        if (task.userId() == null) {
            throw new IllegalArgumentException("The task.completed event " + event.id() + " names no user.");
        }
        // A task that does not recur is its own series: the two ids are then the same.
        checkIns.checkInLinkedHabits(
                handle, task.userId(), new TreeSet<>(java.util.List.of(task.id(), task.seriesId())));
    }
}
