package dev.slipway.migrate.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseNamesTest {

    @Test
    void namesTheDatabaseAfterTheClassInLowerCase() {
        assertThat(DatabaseNames.generate("HistoryTableTests", null)).matches("slipway_historytabletests_[a-z0-9]{8}");
    }

    @Test
    void putsTheHintBeforeTheRandomPart() {
        assertThat(DatabaseNames.generate("LockTests", "Other DB")).matches("slipway_locktests_other_db_[a-z0-9]{8}");
    }

    @Test
    void keepsLongNamesWithinPostgresIdentifierLimit() {
        String name = DatabaseNames.generate("A".repeat(200), "h".repeat(100));

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("slipway_a+_h{16}_[a-z0-9]{8}");
    }

    @Test
    void replacesCharactersThatWouldNeedQuoting() {
        assertThat(DatabaseNames.generate("Ünïcode$Inner", "a-b")).matches("slipway_n_code_inner_a_b_[a-z0-9]{8}");
        assertThat(DatabaseNames.generate("$$$", null)).matches("slipway_test_[a-z0-9]{8}");
    }

    @Test
    void givesEveryCallADifferentName() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            names.add(DatabaseNames.generate("SameClass", null));
        }
        assertThat(names).hasSize(1_000);
    }
}
