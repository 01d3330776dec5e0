package dev.slipway.sample;

import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Release v2 (expand): the name moves to {@code users.display_name}. v2 runs beside v1, which reads and writes only
 * {@code users.name}, and later beside v3, which reads and writes only {@code display_name}; so it writes both
 * columns, and reads {@code display_name} where it is set (by v2, v3, the sync trigger or the backfill) and
 * {@code name} where the {@code users_display_name} backfill has not got to yet.
 */
@Repository
@Profile("v2")
class V2UserStore extends JdbcUserStore {

    V2UserStore(JdbcClient jdbc) {
        super(jdbc, "coalesce(display_name, name)", List.of("name", "display_name"));
    }
}
