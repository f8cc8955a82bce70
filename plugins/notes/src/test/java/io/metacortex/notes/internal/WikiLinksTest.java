package io.metacortex.notes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WikiLinksTest {

    @Test
    void findsPlainAndAliasedLinksTrimmedInOrder() {
        assertThat(WikiLinks.targets("See [[ Budget ]] and [[Plan|the plan]], then [[Zeta]]."))
                .containsExactly("Budget", "Plan", "Zeta");
    }

    @Test
    void keepsTheFirstSpellingOfATargetLinkedTwice() {
        assertThat(WikiLinks.targets("[[Plan]] [[PLAN|again]] [[plan]]")).containsExactly("Plan");
    }

    @Test
    void leavesOutWhatCannotNameANote() {
        assertThat(WikiLinks.targets("[[]] [[ ]] [[|x]] [[a\nb]] [[" + "x".repeat(201) + "]] [single] [[open"))
                .isEmpty();
        assertThat(WikiLinks.targets("[[[Nested]]]")).containsExactly("Nested");
    }

    @Test
    void linksInCodeAreText() {
        String body = """
                `[[inline]]` and ``[[double `tick`]]``
                ```java
                [[fenced]]
                ```
                ~~~
                [[tilde]]
                ~~~
                [[real]] `unclosed [[also real]]""";

        assertThat(WikiLinks.targets(body)).containsExactly("real", "also real");
    }

    @Test
    void titlesThatWouldEndALinkEarlyAreFlagged() {
        assertThat(WikiLinks.hasBrackets("a | b")).isTrue();
        assertThat(WikiLinks.hasBrackets("a ]] b")).isTrue();
        assertThat(WikiLinks.hasBrackets("a [b] c")).isFalse();
    }
}
