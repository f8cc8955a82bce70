package ${package}.internal;

import java.time.Instant;

/** A greeting as the API answers it (and as the DAO maps a row of greetings, by the parameters' names). */
public record Greeting(long id, String text, Instant createdAt) {}
