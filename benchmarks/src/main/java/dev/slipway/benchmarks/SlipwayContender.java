package dev.slipway.benchmarks;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import java.nio.file.Path;
import javax.sql.DataSource;

/** Slipway with its defaults but the location. */
final class SlipwayContender implements Contender {

    private final String location;
    private final String version;

    SlipwayContender(Path slipwayLayout, String version) {
        this.location = "filesystem:" + slipwayLayout.toAbsolutePath();
        this.version = version;
    }

    @Override
    public String key() {
        return "slipway";
    }

    @Override
    public String name() {
        return "Slipway " + version;
    }

    @Override
    public int migrate(DataSource dataSource) {
        Slipway slipway = Slipway.builder(dataSource)
                .config(SlipwayConfig.builder().locations(location).build())
                .build();
        return slipway.migrate().appliedCount();
    }
}
