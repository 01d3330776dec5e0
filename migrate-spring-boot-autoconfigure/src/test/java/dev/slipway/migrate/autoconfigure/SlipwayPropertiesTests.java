package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.slipway.migrate.AdoptMode;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.backfill.BackfillConfig;
import org.junit.jupiter.api.Test;

class SlipwayPropertiesTests {

    @Test
    void defaultValuesAreConsistent() {
        SlipwayProperties properties = new SlipwayProperties();
        SlipwayConfig core = SlipwayConfig.defaults();

        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getLocations()).isEqualTo(core.locations());
        assertThat(properties.getSchema()).isEqualTo(core.schema());
        assertThat(properties.getTable()).isEqualTo(core.table());
        assertThat(properties.isCreateSchema()).isEqualTo(core.createSchema());
        assertThat(properties.getLock().getWaitTimeout()).isEqualTo(core.lockWaitTimeout());
        assertThat(properties.getLock().getPollInterval()).isEqualTo(core.lockPollInterval());
        assertThat(properties.getDdl().getLockTimeout()).isEqualTo(core.ddlLockTimeout());
        assertThat(properties.getDdl().getStatementTimeout()).isEqualTo(core.ddlStatementTimeout());
        assertThat(properties.getDdl().getRetryBudget()).isEqualTo(core.ddlRetryBudget());
        assertThat(properties.getDdl().getRetryInitialBackoff()).isEqualTo(core.ddlRetryInitialBackoff());
        assertThat(properties.getDdl().getRetryMaxBackoff()).isEqualTo(core.ddlRetryMaxBackoff());
        assertThat(properties.getValidate().isIgnoreMissing()).isEqualTo(core.ignoreMissing());
        assertThat(properties.getLint().getMode()).isEqualTo(core.lintMode());
        assertThat(properties.getLint().getStartAfter()).isEqualTo(core.lintStartAfter());
        assertThat(properties.getInstances().getHeartbeatInterval()).isEqualTo(core.heartbeatInterval());
        assertThat(properties.getAdopt().getMode()).isEqualTo(core.adoptMode());
        assertThat(properties.getAdopt().getFlywayTable()).isEqualTo(core.flywayTable());
        assertThat(properties.getBaseline().getVersion()).isEqualTo(core.baselineVersion());
    }

    @Test
    void theAdoptShorthandKeepsEveryOtherDefault() {
        SlipwayProperties.Adopt off = new SlipwayProperties.Adopt("off");

        assertThat(off.getMode()).isEqualTo(AdoptMode.OFF);
        assertThat(off.getFlywayTable()).isEqualTo(SlipwayConfig.DEFAULT_FLYWAY_TABLE);
        assertThat(new SlipwayProperties.Adopt(" AUTO ").getMode()).isEqualTo(AdoptMode.AUTO);
        assertThat(new SlipwayProperties.Adopt("false").getMode())
                .as("YAML's unquoted off")
                .isEqualTo(AdoptMode.OFF);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SlipwayProperties.Adopt("never"))
                .withMessage("slipway.adopt must be 'auto' or 'off', not 'never'");
    }

    @Test
    void refusesABaselineThatIsNotAVersionNamingTheProperty() {
        SlipwayProperties.Baseline baseline = new SlipwayProperties().getBaseline();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> baseline.setVersion("latest"))
                .withMessageStartingWith("slipway.baseline.version must be the version of a migration")
                .withMessageEndingWith("'latest' is not one");
        baseline.setVersion(" 2.1 ");
        assertThat(baseline.getVersion()).isEqualTo("2.1");
        baseline.setVersion("");
        assertThat(baseline.getVersion()).isNull();
    }

    @Test
    void backfillDefaultValuesAreConsistent() {
        SlipwayProperties.Backfill properties = new SlipwayProperties().getBackfill();
        BackfillConfig core = BackfillConfig.defaults();

        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getBatchSize()).isEqualTo(core.batchSize());
        assertThat(properties.getMinBatchSize()).isEqualTo(core.minBatchSize());
        assertThat(properties.getMaxBatchSize()).isEqualTo(core.maxBatchSize());
        assertThat(properties.getTargetBatchTime()).isEqualTo(core.targetBatchTime());
        assertThat(properties.getPause()).isEqualTo(core.pause());
        assertThat(properties.getLockTimeout()).isEqualTo(core.lockTimeout());
        assertThat(properties.getStatementTimeout()).isEqualTo(core.statementTimeout());
        assertThat(properties.getMaxAttempts()).isEqualTo(core.maxAttempts());
        assertThat(properties.getRetryInitialBackoff()).isEqualTo(core.retryInitialBackoff());
        assertThat(properties.getRetryMaxBackoff()).isEqualTo(core.retryMaxBackoff());
        assertThat(properties.getPollInterval()).isEqualTo(core.pollInterval());
        assertThat(properties.getProgressLogInterval()).isEqualTo(core.progressLogInterval());
    }

    @Test
    void migrationLoginIsUnsetByDefault() {
        SlipwayProperties.Datasource login = new SlipwayProperties().getDatasource();

        assertThat(login.getUrl()).isNull();
        assertThat(login.getUsername()).isNull();
        assertThat(login.getPassword()).isNull();
    }
}
