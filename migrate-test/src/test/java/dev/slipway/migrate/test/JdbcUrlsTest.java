package dev.slipway.migrate.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void replacesTheDatabaseAndKeepsHostsAndParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres", "t1"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/t1");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h1:1,h2:2/admin?sslmode=disable&user=ci", "t1"))
                .isEqualTo("jdbc:postgresql://h1:1,h2:2/t1?sslmode=disable&user=ci");
    }

    @Test
    void addsTheDatabaseToUrlsWithoutOne() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://localhost", "t1"))
                .isEqualTo("jdbc:postgresql://localhost/t1");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://localhost/?ssl=false", "t1"))
                .isEqualTo("jdbc:postgresql://localhost/t1?ssl=false");
    }

    @Test
    void replacesTheDatabaseOfTheShortForm() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql:admin", "t1")).isEqualTo("jdbc:postgresql:t1");
    }

    @Test
    void rejectsOtherUrls() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JdbcUrls.withDatabase("jdbc:mysql://h/db", "t1"))
                .withMessageContaining("jdbc:mysql://h/db");
    }

    @Test
    void hidesPasswordsInMessages() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?user=ci&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=ci&password=***&ssl=true");
    }
}
