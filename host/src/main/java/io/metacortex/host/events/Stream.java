package io.metacortex.host.events;

/**
 * The events of one publisher on their way to one subscriber: delivered one at a time, in the publisher's order, by
 * one host at a time (an advisory lock on the stream).
 */
record Stream(String subscriber, String publisher) {

    /** @return the two keys of the stream's advisory lock */
    int lockKey() {
        return (subscriber + "\u0000" + publisher).hashCode();
    }
}
