package dev.slipway.benchmarks;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Flyway Community with its defaults (validate on migrate, one transaction per migration). */
final class FlywayContender implements Contender {

    private final String location;

    FlywayContender(Path flywayLayout) {
        this.location = "filesystem:" + flywayLayout.toAbsolutePath();
    }

    @Override
    public String key() {
        return "flyway";
    }

    @Override
    public String name() {
        return "Flyway " + Versions.of("org.flywaydb", "flyway-core");
    }

    @Override
    public int migrate(DataSource dataSource) {
        Flyway flyway =
                Flyway.configure().dataSource(dataSource).locations(location).load();
        return flyway.migrate().migrationsExecuted;
    }
}
