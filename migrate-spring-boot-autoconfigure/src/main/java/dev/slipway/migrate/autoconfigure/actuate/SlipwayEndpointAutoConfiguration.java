package dev.slipway.migrate.autoconfigure.actuate;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.autoconfigure.ContractMode;
import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.autoconfigure.SlipwayBackfillAutoConfiguration;
import dev.slipway.migrate.autoconfigure.SlipwayProperties;
import dev.slipway.migrate.backfill.Backfills;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link SlipwayEndpoint} and its web extension: when Actuator is on the class path,
 * the {@code slipway} endpoint is available (enabled and exposed), and there is a {@link Slipway} bean. It reports
 * and changes the backfills of the {@link Backfills} bean, when there is one.
 */
@AutoConfiguration(after = {SlipwayAutoConfiguration.class, SlipwayBackfillAutoConfiguration.class})
@ConditionalOnClass({Slipway.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnAvailableEndpoint(SlipwayEndpoint.class)
@EnableConfigurationProperties(SlipwayActuatorProperties.class)
public final class SlipwayEndpointAutoConfiguration {

    @Bean
    @ConditionalOnBean(Slipway.class)
    @ConditionalOnMissingBean
    SlipwayEndpoint slipwayEndpoint(
            Slipway slipway,
            ObjectProvider<Backfills> backfills,
            SlipwayActuatorProperties properties,
            ObjectProvider<SlipwayProperties> slipwayProperties) {
        SlipwayProperties settings = slipwayProperties.getIfAvailable();
        return new SlipwayEndpoint(
                slipway,
                backfills.getIfUnique(),
                properties.getWriteOperations().isEnabled(),
                properties.getRollback().isEnabled(),
                (settings != null) ? settings.getContract().getMode() : ContractMode.AUTO);
    }

    @Bean
    @ConditionalOnBean(SlipwayEndpoint.class)
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(value = SlipwayEndpoint.class, exposure = EndpointExposure.WEB)
    SlipwayEndpointWebExtension slipwayEndpointWebExtension(SlipwayEndpoint endpoint) {
        return new SlipwayEndpointWebExtension(endpoint);
    }
}
