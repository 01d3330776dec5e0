package dev.slipway.sample;

import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Release v1: the name is {@code users.name}. */
@Repository
@Profile("v1")
class V1UserStore extends JdbcUserStore {

    V1UserStore(JdbcClient jdbc) {
        super(jdbc, "name", List.of("name"));
    }
}
