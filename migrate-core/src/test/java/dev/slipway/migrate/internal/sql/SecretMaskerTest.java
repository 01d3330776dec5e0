package dev.slipway.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private static final String SECRET = "MigLiteralPW-9876";

    @Test
    void masksRolePasswordsInEveryQuoting() {
        assertThat(SecretMasker.mask("CREATE ROLE app_reader LOGIN PASSWORD 'MigLiteralPW-9876'"))
                .isEqualTo("CREATE ROLE app_reader LOGIN PASSWORD '***'");
        assertThat(SecretMasker.mask(
                        "alter user bob with encrypted password E'MigLiteralPW-9876\\'x' valid until 'infinity'"))
                .isEqualTo("alter user bob with encrypted password '***' valid until 'infinity'");
        assertThat(SecretMasker.mask("CREATE USER bob PASSWORD $pw$MigLiteralPW-9876$pw$ LOGIN"))
                .isEqualTo("CREATE USER bob PASSWORD '***' LOGIN");
        assertThat(SecretMasker.mask("CREATE ROLE bob PASSWORD /* c */ 'It''s-MigLiteralPW-9876'"))
                .isEqualTo("CREATE ROLE bob PASSWORD /* c */ '***'");
        assertThat(SecretMasker.mask("CREATE ROLE bob PASSWORD NULL")).isEqualTo("CREATE ROLE bob PASSWORD NULL");
    }

    @Test
    void leavesKeywordsInsideStringsAndCommentsAlone() {
        String sql = "INSERT INTO notes VALUES ('set the PASSWORD', 'later') -- PASSWORD 'not a literal'";
        assertThat(SecretMasker.mask(sql)).isSameAs(sql);
        assertThat(SecretMasker.secretsOf(sql).isEmpty()).isTrue();
    }

    @Test
    void masksPasswordLikeOptionsOfServersAndUserMappings() {
        assertThat(SecretMasker.mask(
                        "CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', password '" + SECRET + "')"))
                .isEqualTo("CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', password '***')");
        assertThat(SecretMasker.mask("ALTER USER MAPPING FOR app SERVER remote OPTIONS (SET \"password\" 'x1', ADD"
                        + " api_key 'k2')"))
                .isEqualTo("ALTER USER MAPPING FOR app SERVER remote OPTIONS (SET \"password\" '***',"
                        + " ADD api_key '***')");
        assertThat(SecretMasker.mask("CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db',"
                        + " dbname 'x', passfile '/p', secret_token 'abc')"))
                .isEqualTo("CREATE SERVER remote FOREIGN DATA WRAPPER"
                        + " postgres_fdw OPTIONS (host 'db', dbname 'x', passfile '/p', secret_token '***')");
        assertThat(SecretMasker.mask("ALTER DATABASE app SET app.jwt_secret = 'abc'"))
                .isEqualTo("ALTER DATABASE app SET app.jwt_secret = '***'");
    }

    @Test
    void masksOnlyThePasswordOfConnectionStrings() {
        assertThat(SecretMasker.mask("SELECT dblink_connect('host=db port=5432 password=" + SECRET + " dbname=app')"))
                .isEqualTo("SELECT dblink_connect('host=db port=5432 password=*** dbname=app')");
        assertThat(SecretMasker.mask("INSERT INTO targets VALUES ('postgresql://app:" + SECRET + "@db:5432/app')"))
                .isEqualTo("INSERT INTO targets VALUES ('postgresql://app:***@db:5432/app')");
        assertThat(SecretMasker.mask(
                        "INSERT INTO t VALUES ($$jdbc:postgresql://db/app?user=u&password=" + SECRET + "$$)"))
                .isEqualTo("INSERT INTO t VALUES ($$jdbc:postgresql://db/app?user=u&password=***$$)");
        assertThat(SecretMasker.mask("SELECT dblink_connect('password=''a b'' host=db')"))
                .isEqualTo("SELECT dblink_connect('***')");
        assertThat(SecretMasker.secretsOf("SELECT dblink_connect('host=db password=" + SECRET + "')")
                        .values())
                .contains(SECRET);
    }

    @Test
    void masksPgcryptoKeysAndPasswords() {
        assertThat(SecretMasker.mask(
                        "UPDATE t SET c = pgp_sym_encrypt(ssn, 'k3y-" + SECRET + "', 'cipher-algo=aes256')"))
                .isEqualTo("UPDATE t SET c = pgp_sym_encrypt(ssn, '***', 'cipher-algo=aes256')");
        assertThat(SecretMasker.mask("SELECT public.pgp_sym_decrypt(c, 'key'), lower('kept') FROM t"))
                .isEqualTo("SELECT public.pgp_sym_decrypt(c, '***'), lower('kept') FROM t");
        assertThat(SecretMasker.mask("SELECT encrypt(data, decode('00ff', 'hex'), 'aes') FROM t"))
                .isEqualTo("SELECT encrypt(data, decode('***', '***'), 'aes') FROM t");
        assertThat(SecretMasker.mask("INSERT INTO users VALUES ('bob', crypt('hunter22', gen_salt('bf')))"))
                .isEqualTo("INSERT INTO users VALUES ('bob', crypt('***', gen_salt('bf')))");
        assertThat(SecretMasker.mask("SELECT hmac(x, 'k', 'sha256'), pgp_sym_encrypt('plain', 'k2')"))
                .isEqualTo("SELECT hmac(x, '***', 'sha256'), pgp_sym_encrypt('***', '***')");
    }

    @Test
    void hidesTheSecretsWherePostgresRepeatsThem() {
        SecretMasker.Secrets secrets = SecretMasker.secretsOf("CREATE ROLE r PASSWORD '" + SECRET + "' 'oops'");
        assertThat(secrets.maskIn("syntax error at or near \"'" + SECRET + "'\""))
                .doesNotContain(SECRET)
                .isEqualTo("syntax error at or near \"'***'\"");
        assertThat(secrets.maskIn(null)).isNull();
        assertThat(SecretMasker.mask("CREATE ROLE r PASSWORD '" + SECRET + "' '" + SECRET + "'"))
                .isEqualTo("CREATE ROLE r PASSWORD '***' '***'");
        SecretMasker.Secrets shortOne = SecretMasker.secretsOf("CREATE ROLE r PASSWORD 'ab'");
        assertThat(shortOne.maskIn("a table 'ab' in abc")).isEqualTo("a table '***' in abc");
    }
}
