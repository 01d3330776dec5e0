package dev.slipway.migrate.internal.dataloss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RiskReaderTest {

    @Test
    void readsEachActionOfAnAlterTableWithItsOffset() {
        String sql = "alter table if exists only app.\"Users\" *\n"
                + "  add column if not exists plan text not null, -- a comment, with a comma\n"
                + "  alter \"Name\" set not null,\n"
                + "  drop column if exists legacy cascade,\n"
                + "  add constraint u unique nulls not distinct (email, \"Code\")";

        List<Risk> risks = RiskReader.read(sql);

        assertThat(risks).hasSize(4);
        assertThat(risks).allSatisfy(risk -> assertThat(risk.table().parts()).containsExactly("app", "Users"));
        Risk.AddRequiredColumn add = (Risk.AddRequiredColumn) risks.get(0);
        assertThat(add.only()).isTrue();
        assertThat(add.column().key()).isEqualTo("plan");
        assertThat(add.type()).isEqualTo("text");
        assertThat(sql.substring(add.offset())).startsWith("add column if not exists plan");
        assertThat(((Risk.SetNotNull) risks.get(1)).column().key()).isEqualTo("Name");
        assertThat(((Risk.DropColumn) risks.get(2)).column().key()).isEqualTo("legacy");
        Risk.UniqueKey unique = (Risk.UniqueKey) risks.get(3);
        assertThat(unique.nullsNotDistinct()).isTrue();
        assertThat(unique.keys()).extracting(key -> key.column().key()).containsExactly("email", "Code");
    }

    @Test
    void aColumnThatGetsAValueIsNoRisk() {
        assertThat(RiskReader.read("ALTER TABLE t ADD COLUMN a int NOT NULL DEFAULT 0, ADD b bigserial NOT NULL,"
                        + " ADD c int GENERATED ALWAYS AS IDENTITY NOT NULL, ADD d text NOT NULL DEFAULT ''"))
                .isEmpty();
        assertThat(RiskReader.read("ALTER TABLE t ADD COLUMN a int DEFAULT (NULL::int) NOT NULL"))
                .singleElement()
                .isInstanceOf(Risk.AddRequiredColumn.class);
        assertThat(RiskReader.read("ALTER TABLE t ADD COLUMN id bigint PRIMARY KEY"))
                .singleElement()
                .satisfies(risk ->
                        assertThat(((Risk.AddRequiredColumn) risk).primaryKey()).isTrue());
    }

    @Test
    void keywordsInStringsCommentsAndOtherClausesAreNotRisks() {
        assertThat(RiskReader.read("ALTER TABLE t ALTER COLUMN c SET DEFAULT 'SET NOT NULL'"))
                .isEmpty();
        assertThat(RiskReader.read("ALTER TABLE t ADD CONSTRAINT c CHECK (c IS NOT NULL) NOT VALID"))
                .isEmpty();
        assertThat(RiskReader.read("ALTER TABLE t ADD CONSTRAINT k UNIQUE USING INDEX k_idx"))
                .isEmpty();
        assertThat(RiskReader.read("ALTER TABLE t DROP CONSTRAINT c, ALTER CONSTRAINT f DEFERRABLE"))
                .isEmpty();
        assertThat(RiskReader.read("/* DROP TABLE users; */ CREATE INDEX CONCURRENTLY i ON t (c)"))
                .isEmpty();
        assertThat(RiskReader.read("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DROP TABLE users $$"))
                .isEmpty();
    }

    @Test
    void readsTheKeysAndPredicateOfAUniqueIndex() {
        String sql = "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Idx\" ON ONLY s.t USING btree"
                + " (lower(email), (a + b) DESC NULLS LAST, code COLLATE \"C\" text_pattern_ops, id)"
                + " INCLUDE (x) NULLS NOT DISTINCT WITH (fillfactor = 90) WHERE note <> 'a  b'\n  AND y";

        Risk.UniqueKey unique = (Risk.UniqueKey) RiskReader.read(sql).get(0);

        assertThat(unique.index()).isTrue();
        assertThat(unique.onlyParent()).isTrue();
        assertThat(unique.indexName()).isEqualTo("Idx");
        assertThat(unique.nullsNotDistinct()).isTrue();
        assertThat(unique.keys())
                .extracting(Risk.Key::written)
                .containsExactly("lower(email)", "(a + b)", "code COLLATE \"C\"", "id");
        assertThat(unique.keys().get(3).column().key()).isEqualTo("id");
        assertThat(unique.predicate()).isEqualTo("note <> 'a  b'\n  AND y");
    }

    @Test
    void readsEveryTableOfADropTable() {
        assertThat(RiskReader.read("DROP TABLE IF EXISTS a, s.\"B\" CASCADE"))
                .extracting(risk -> risk.table().parts())
                .containsExactly(List.of("a"), List.of("s", "B"));
    }
}
