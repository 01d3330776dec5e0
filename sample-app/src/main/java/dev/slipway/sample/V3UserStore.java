package dev.slipway.sample;

import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Release v3 (contract): the name is {@code users.display_name}; {@code users.name} is never read or written, so
 * the contract migration can drop it once no v2 instance is left.
 */
@Repository
@Profile("v3")
class V3UserStore extends JdbcUserStore {

    V3UserStore(JdbcClient jdbc) {
        super(jdbc, "display_name", List.of("display_name"));
    }
}
