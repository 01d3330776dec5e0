package dev.slipway.migrate.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerLookupTest {

    private static final Set<Path> NO_FILES = Set.of();

    @Test
    void usesTheJdbcUrlVariableWithItsUsernameAndPassword() {
        ServerLookup lookup = lookup(
                Map.of(
                        "SLIPWAY_TEST_JDBC_URL", "jdbc:postgresql://db.test:6543/admin",
                        "SLIPWAY_TEST_USERNAME", "ci",
                        "SLIPWAY_TEST_PASSWORD", "secret"),
                NO_FILES);

        assertThat(lookup.configuredServer()).hasValueSatisfying(address -> {
            assertThat(address.jdbcUrl()).isEqualTo("jdbc:postgresql://db.test:6543/admin");
            assertThat(address.username()).isEqualTo("ci");
            assertThat(address.password()).isEqualTo("secret");
        });
    }

    @Test
    void leavesUsernameAndPasswordToTheUrlWhenTheirVariablesAreUnset() {
        ServerLookup lookup =
                lookup(Map.of("SLIPWAY_TEST_JDBC_URL", "jdbc:postgresql://db.test/admin?user=ci"), NO_FILES);

        assertThat(lookup.configuredServer()).hasValueSatisfying(address -> {
            assertThat(address.username()).isNull();
            assertThat(address.password()).isNull();
        });
    }

    @Test
    void ignoresABlankJdbcUrlVariable() {
        assertThat(lookup(Map.of("SLIPWAY_TEST_JDBC_URL", "  "), NO_FILES).configuredServer())
                .isEmpty();
    }

    @Test
    void ignoresUsernameAndPasswordWithoutAJdbcUrl() {
        ServerLookup lookup = lookup(Map.of("SLIPWAY_TEST_USERNAME", "ci", "SLIPWAY_TEST_PASSWORD", "x"), NO_FILES);

        assertThat(lookup.configuredServer()).isEmpty();
        assertThat(lookup.localServer()).isEqualTo(ServerLookup.LOCAL_SERVER);
    }

    @Test
    void seesNoDockerWithoutDockerHostOrSocket() {
        assertThat(lookup(Map.of("HOME", "/home/dev", "XDG_RUNTIME_DIR", "/run/user/1000"), NO_FILES)
                        .dockerEvidence())
                .isEmpty();
    }

    @Test
    void seesDockerThroughDockerHost() {
        assertThat(lookup(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"), NO_FILES)
                        .dockerEvidence())
                .contains("DOCKER_HOST=tcp://10.0.0.5:2375");
    }

    @Test
    void seesDockerThroughTheSystemSocket() {
        assertThat(lookup(Map.of(), Set.of(Path.of("/var/run/docker.sock"))).dockerEvidence())
                .contains("/var/run/docker.sock");
    }

    @Test
    void seesDockerThroughARootlessOrDesktopSocket() {
        Map<String, String> environment = Map.of("HOME", "/home/dev", "XDG_RUNTIME_DIR", "/run/user/1000");

        assertThat(lookup(environment, Set.of(Path.of("/run/user/1000/docker.sock")))
                        .dockerEvidence())
                .contains("/run/user/1000/docker.sock");
        assertThat(lookup(environment, Set.of(Path.of("/home/dev/.docker/run/docker.sock")))
                        .dockerEvidence())
                .contains("/home/dev/.docker/run/docker.sock");
    }

    @Test
    void seesDockerThroughTestcontainersConfiguration() {
        assertThat(lookup(Map.of("HOME", "/home/dev"), Set.of(Path.of("/home/dev/.testcontainers.properties")))
                        .dockerEvidence())
                .contains("/home/dev/.testcontainers.properties");
    }

    @Test
    void fallsBackToTheLocalServerAsPostgres() {
        ServerLookup lookup = lookup(Map.of(), NO_FILES);

        assertThat(lookup.configuredServer()).isEmpty();
        assertThat(lookup.localServer().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat(lookup.localServer().username()).isEqualTo("postgres");
    }

    private static ServerLookup lookup(Map<String, String> environment, Set<Path> existingFiles) {
        return new ServerLookup(environment, existingFiles::contains);
    }
}
