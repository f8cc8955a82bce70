package io.metacortex.tasks.internal;

/** Where a delegation stands: the assignee has not answered, accepted or declined. */
public enum DelegationState {
    PENDING,
    ACCEPTED,
    DECLINED
}
