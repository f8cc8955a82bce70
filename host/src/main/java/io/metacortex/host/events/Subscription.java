package io.metacortex.host.events;

/** A subscriber's interest in one type of events of one publisher. */
record Subscription(String subscriber, String publisher, String type) {}
