package dev.slipway.maven.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.maven.entities.shop.ShopItem;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entities export on this module's test classpath (Hibernate is a provided dependency of the plugin, so it is
 * there), with the test entities of {@code dev.slipway.maven.entities.shop}; the script is applied to PostgreSQL.
 */
@PostgresTest
class EntitiesExporterTests {

    private final TestDatabase db;

    EntitiesExporterTests(TestDatabase db) {
        this.db = db;
    }

    @Test
    void exportsTheCreateScriptOfTheEntitiesWhichPostgresqlAccepts(@TempDir Path output) throws Exception {
        EntitiesExporter.Result result =
                EntitiesExporter.export(request(testClasses(), List.of(), output), message -> {});

        assertThat(result.classes())
                .containsExactly(
                        "dev.slipway.maven.entities.shop.ShopItem", "dev.slipway.maven.entities.shop.ShopShelf");
        assertThat(result.script()).isEqualTo(output.resolve("entities.sql"));
        String script = Files.readString(result.script());
        assertThat(script)
                .contains("create table shop_item", "display_name varchar(255)", "create sequence shop_item_seq")
                .contains("shelf_id bigint")
                .doesNotContain("drop ");
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'shop_item'"))
                .isEqualTo(3);

        EntitiesExporter.Result again = EntitiesExporter.export(request(testClasses(), List.of(), output), m -> {});
        assertThat(Files.readString(again.script()))
                .as("replaced, not appended")
                .isEqualTo(script);
    }

    @Test
    void refusesSourcesNewerThanTheirClasses(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/com/example"));
        Path sources = Files.createDirectories(dir.resolve("java/com/example"));
        Path compiled = Files.writeString(classes.resolve("Customer.class"), "");
        Path source = Files.writeString(sources.resolve("Customer.java"), "class Customer {}");
        Files.writeString(sources.resolve("package-info.java"), "package com.example;");
        Files.setLastModifiedTime(compiled, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        Files.setLastModifiedTime(source, FileTime.from(Instant.parse("2024-01-01T00:00:01Z")));

        assertThat(EntitiesExporter.staleSource(dir.resolve("classes"), List.of(dir.resolve("java"))))
                .isEqualTo(source.toString());
        assertThatThrownBy(() -> EntitiesExporter.export(
                        request(dir.resolve("classes"), List.of(dir.resolve("java")), dir.resolve("out")), m -> {}))
                .isInstanceOf(EntitiesException.class)
                .hasMessageContaining(source.toString())
                .hasMessageContaining("mvn compile slipway:");

        Files.setLastModifiedTime(compiled, FileTime.from(Instant.parse("2024-01-01T00:00:02Z")));
        assertThat(EntitiesExporter.staleSource(dir.resolve("classes"), List.of(dir.resolve("java"))))
                .isNull();
    }

    @Test
    void saysWhenNoClassIsAnEntity(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));

        assertThatThrownBy(() -> EntitiesExporter.export(request(classes, List.of(), dir.resolve("out")), m -> {}))
                .isInstanceOf(EntitiesException.class)
                .hasMessageContaining("No class in " + classes + " is annotated @jakarta.persistence.Entity");
    }

    @Test
    void saysWhenHibernateIsNotOnTheClasspath(@TempDir Path dir) throws Exception {
        EntitiesExporter.Request request = new EntitiesExporter.Request(
                testClasses(), List.of(), List.of(testClasses()), dir.resolve("out"), 15, 0, null, null);

        assertThatThrownBy(() -> EntitiesExporter.export(request, m -> {}))
                .isInstanceOf(EntitiesException.class)
                .hasMessageContaining("Hibernate is not on the project's runtime classpath")
                .hasMessageContaining("spring-boot-starter-data-jpa");
    }

    /** The test classpath as a project's runtime classpath, without the plugin's own classes. */
    private static EntitiesExporter.Request request(Path classes, List<Path> sourceRoots, Path output)
            throws URISyntaxException {
        Path pluginClasses = Path.of(HibernateBridge.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Path> classpath = new ArrayList<>();
        classpath.add(classes);
        String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Arrays.stream(testClasspath.split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> !p.equals(pluginClasses) && !p.equals(classes))
                .forEach(classpath::add);
        return new EntitiesExporter.Request(classes, sourceRoots, classpath, output, 15, 0, null, null);
    }

    private static Path testClasses() throws URISyntaxException {
        return Path.of(ShopItem.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }
}
