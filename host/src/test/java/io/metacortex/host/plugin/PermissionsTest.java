package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.host.errors.HostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declared permissions against accepted ones: labels, what is not covered, what is granted. */
class PermissionsTest {

    private static final Permissions DECLARED =
            Permissions.parse("users:read, http:outbound;hosts=\"api.example.com,*.Example.org\"");

    @Test
    void labelsReadBackAsTheSamePermissions() {
        assertThat(DECLARED.labels()).containsExactly("http:outbound(*.example.org,api.example.com)", "users:read");
        assertThat(Permissions.fromLabels(DECLARED.labels())).isEqualTo(DECLARED);
        assertThat(Permissions.fromLabels(List.of("users:read,http:outbound(API.example.com, *.example.org)")))
                .isEqualTo(DECLARED);
    }

    @Test
    void everyHostMustBeAcceptedByName() {
        Permissions oneHost = Permissions.fromLabels(List.of("users:read", "http:outbound(api.example.com)"));
        assertThat(DECLARED.notCoveredBy(oneHost).labels()).containsExactly("http:outbound(*.example.org)");
        assertThat(DECLARED.notCoveredBy(Permissions.fromLabels(List.of("http:outbound")))
                        .labels())
                .containsExactly("http:outbound(*.example.org,api.example.com)", "users:read");
        assertThat(DECLARED.notCoveredBy(DECLARED).isEmpty()).isTrue();
        assertThat(Permissions.NONE.notCoveredBy(Permissions.NONE).isEmpty()).isTrue();
    }

    @Test
    void onlyWhatIsBothDeclaredAndAcceptedIsGranted() {
        Permissions accepted = Permissions.fromLabels(List.of("secrets", "http:outbound(api.example.com,other.net)"));
        Permissions granted = DECLARED.grantedBy(accepted);
        assertThat(granted.labels()).containsExactly("http:outbound(api.example.com)");
        assertThat(DECLARED.grantedBy(Permissions.NONE)).isEqualTo(Permissions.NONE);
        assertThat(DECLARED.grantedBy(DECLARED)).isEqualTo(DECLARED);
    }

    @Test
    void anUnknownLabelIsRefused() {
        assertThatThrownBy(() -> Permissions.fromLabels(List.of("users:write")))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("'users:write' is not a permission");
        assertThatThrownBy(() -> Permissions.fromLabels(List.of("secrets(x)"))).isInstanceOf(HostException.class);
    }
}
