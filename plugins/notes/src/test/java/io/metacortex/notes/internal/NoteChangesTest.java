package io.metacortex.notes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented PATCH body lists exactly the fields PATCH reads. */
class NoteChangesTest {

    @Test
    void documentsTheFieldsOfNoteRequest() {
        assertThat(components(NoteChanges.class)).isEqualTo(components(NoteRequest.class));
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(component -> component.getName() + ": " + component.getGenericType())
                .toList();
    }
}
