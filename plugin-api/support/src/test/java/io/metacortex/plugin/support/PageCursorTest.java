package io.metacortex.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anIdCursorComesBackAsItsId() {
        assertThat(PageCursor.decode(PageCursor.encode(0))).hasValue(0);
        assertThat(PageCursor.decode(PageCursor.encode(Long.MAX_VALUE))).hasValue(Long.MAX_VALUE);
        assertThat(PageCursor.decode(" " + PageCursor.encode(7) + "\n"))
                .as("surrounding blanks")
                .hasValue(7);
    }

    @Test
    void anIdCursorIsOpaqueAndUrlSafe() {
        String cursor = PageCursor.encode(123_456_789L);

        assertThat(cursor).doesNotContain("123456789").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aForgedOrBrokenIdCursorIsRefused() {
        assertThat(PageCursor.decode(base64("123"))).as("no prefix").isEmpty();
        assertThat(PageCursor.decode(base64("id:-5"))).as("negative id").isEmpty();
        assertThat(PageCursor.decode(base64("id:12x"))).as("not a number").isEmpty();
        assertThat(PageCursor.decode(base64("id:"))).isEmpty();
        assertThat(PageCursor.decode("!!!")).as("not base64").isEmpty();
        assertThat(PageCursor.decode("")).isEmpty();
        assertThat(PageCursor.decode(new PageCursor("id", "", 5).encode()))
                .as("a keyed cursor")
                .isEmpty();
    }

    @Test
    void aKeyedCursorComesBackWhole() {
        PageCursor cursor = new PageCursor("title", "a|b c", 42);

        assertThat(PageCursor.decode(cursor.encode(), "title")).hasValue(cursor);
        assertThat(PageCursor.decode(new PageCursor("updated", "", 0).encode(), "updated"))
                .hasValue(new PageCursor("updated", "", 0));
    }

    @Test
    void aKeyedCursorOnlyContinuesItsOwnOrdering() {
        String cursor = new PageCursor("title", "a", 1).encode();

        assertThat(PageCursor.decode(cursor, "updated")).isEmpty();
        assertThat(PageCursor.decode(cursor, "titl")).isEmpty();
    }

    @Test
    void aForgedOrBrokenKeyedCursorIsRefused() {
        assertThat(PageCursor.decode(base64("title|-1|a"), "title"))
                .as("negative id")
                .isEmpty();
        assertThat(PageCursor.decode(base64("title|x|a"), "title"))
                .as("id not a number")
                .isEmpty();
        assertThat(PageCursor.decode(base64("title|1"), "title")).as("no key").isEmpty();
        assertThat(PageCursor.decode("!!!", "title")).as("not base64").isEmpty();
        assertThat(PageCursor.decode(PageCursor.encode(3), "id"))
                .as("an id cursor")
                .isEmpty();
    }
}
