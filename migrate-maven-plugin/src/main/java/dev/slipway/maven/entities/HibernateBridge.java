package dev.slipway.maven.entities;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.tool.schema.spi.DelayedDropRegistryNotAvailableImpl;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

/**
 * Runs inside the project's class loader (see {@link EntitiesExporter}): it is compiled against Hibernate but never
 * loaded by the plugin's own class loader, so the Hibernate used is the application's, whatever its version (6 or
 * 7). Only JDK types cross the boundary.
 *
 * <ol>
 *   <li>a service registry with the given settings (dialect, database version, naming strategies) and no JDBC
 *       metadata access, so no connection is opened;</li>
 *   <li>the metadata of the given annotated classes;</li>
 *   <li>the JPA schema generation with the scripts action {@code create} to the target file and no database
 *       action.</li>
 * </ol>
 */
public final class HibernateBridge {

    private HibernateBridge() {}

    /**
     * Writes Hibernate's create script for the classes.
     *
     * @param classNames the annotated classes ({@code @Entity}, {@code @Embeddable}, {@code @MappedSuperclass},
     *     {@code @Converter}), loaded from this class's loader
     * @param settings Hibernate settings
     * @param target the file to write (replaced)
     */
    public static void export(List<String> classNames, Map<String, String> settings, String target) throws Exception {
        Path file = Path.of(target);
        Files.deleteIfExists(file); // Hibernate appends to an existing script
        Map<String, Object> all = new HashMap<>(settings);
        all.put("jakarta.persistence.schema-generation.database.action", "none");
        all.put("jakarta.persistence.schema-generation.scripts.action", "create");
        all.put("jakarta.persistence.schema-generation.scripts.create-target", file.toString());
        all.put("hibernate.hbm2ddl.delimiter", ";");
        all.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        all.put("hibernate.temp.use_jdbc_metadata_defaults", "false");
        all.put("hibernate.connection.provider_class", new NoConnections());
        ClassLoader loader = HibernateBridge.class.getClassLoader();
        StandardServiceRegistry registry =
                new StandardServiceRegistryBuilder().applySettings(all).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (String name : classNames) {
                sources.addAnnotatedClass(Class.forName(name, false, loader));
            }
            Metadata metadata = sources.buildMetadata();
            SchemaManagementToolCoordinator.process(
                    metadata, registry, all, DelayedDropRegistryNotAvailableImpl.INSTANCE);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    /** A connection provider that has none: the export writes a script and never connects. */
    static final class NoConnections implements ConnectionProvider {

        private static final long serialVersionUID = 1L;

        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("The entities export writes a script and opens no connection");
        }

        @Override
        public void closeConnection(Connection connection) {}

        @Override
        public boolean supportsAggressiveRelease() {
            return false;
        }

        @Override
        public boolean isUnwrappableAs(Class<?> type) {
            return false;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException("Cannot unwrap to " + type);
        }
    }
}
