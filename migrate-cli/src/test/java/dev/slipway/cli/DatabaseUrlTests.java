package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

    @Test
    void takesAJdbcUrlAsItIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/app?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app?sslmode=require");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void readsUserPasswordAndSchemaOfAPrismaUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s3cr%40t@db.example.com:6543/shop?schema=billing");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/shop?currentSchema=billing");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s3cr@t");
        assertThat(url.schema()).isEqualTo("billing");
    }

    @Test
    void dropsPrismaOnlyParametersAndKeepsTheDriversOnes() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgres://app@db/shop?connection_limit=5&sslmode=require&pgbouncer=true&pool_timeout=10");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/shop?sslmode=require");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isNull();
    }

    @Test
    void keepsAnIpv6HostAndADefaultPort() {
        assertThat(DatabaseUrl.parse("postgresql://u:p@[::1]/db").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]/db");
        assertThat(DatabaseUrl.parse("postgresql://localhost").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/");
    }

    @Test
    void refusesAnotherDatabaseWithoutPrintingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter22@db/app"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("mysql://root:****@db/app")
                .hasMessageNotContaining("hunter22");
    }

    @Test
    void masksUserInfoPasswordsAndPasswordParameters() {
        assertThat(DatabaseUrl.masked("postgresql://app:hunter22@db/shop")).isEqualTo("postgresql://app:****@db/shop");
        assertThat(DatabaseUrl.masked("jdbc:postgresql://db/shop?user=app&password=hunter22&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/shop?user=app&password=****&ssl=true");
        assertThat(DatabaseUrl.masked("postgresql://app@db/shop")).isEqualTo("postgresql://app@db/shop");
    }

    @Test
    void neverShowsThePasswordInItsDescription() {
        assertThat(DatabaseUrl.parse("postgresql://app:hunter22@db/shop").toString())
                .doesNotContain("hunter22");
    }
}
