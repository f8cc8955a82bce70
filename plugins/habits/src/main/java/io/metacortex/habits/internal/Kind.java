package io.metacortex.habits.internal;

/** How a habit is checked in. */
public enum Kind {
    /** Done or not: a check-in carries no value. */
    YES_NO,
    /** An amount per day, e.g. 8 glasses: a day is done when its check-in's value reaches the habit's target. */
    MEASURABLE
}
