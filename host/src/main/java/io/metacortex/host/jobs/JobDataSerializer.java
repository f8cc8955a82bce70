package io.metacortex.host.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes db-scheduler's {@code task_data} as JSON (db-scheduler's default is Java serialization, which would tie
 * the rows to class versions and is unreadable in the database).
 */
final class JobDataSerializer implements Serializer {

    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public byte[] serialize(Object data) {
        try {
            return JSON.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write job data as JSON", e);
        }
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return JSON.readValue(data, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read job data from JSON", e);
        }
    }
}
