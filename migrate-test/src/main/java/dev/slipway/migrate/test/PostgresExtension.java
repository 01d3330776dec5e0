package dev.slipway.migrate.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that gives each test class a fresh PostgreSQL database, so that test classes are
 * isolated from one another and may run in parallel.
 *
 * <ol>
 *   <li>The first time any test class needs it, the server is located, once per JVM (see {@link PostgresServers}):
 *       the {@code SLIPWAY_TEST_JDBC_URL} environment variable; else a Testcontainers {@code postgres:15}
 *       container when Docker is available; else the local server at {@code 127.0.0.1:5432} as {@code postgres}.
 *       If none is reachable the test class fails with a message that says how to provide one.</li>
 *   <li>{@code beforeAll} creates the database {@code slipway_<class>_<random>}.</li>
 *   <li>A {@link TestDatabase} parameter of the constructor, of a {@code @BeforeAll}, {@code @BeforeEach},
 *       {@code @AfterEach} or {@code @AfterAll} method, or of a test method, is that database.</li>
 *   <li>{@code afterAll} drops it, together with any made by {@link TestDatabase#createAnother(String)}, with
 *       {@code DROP DATABASE ... WITH (FORCE)}, so connections a test left open do not keep it alive.</li>
 * </ol>
 *
 * A {@code @Nested} class shares the database of its enclosing class when that class uses the extension too.
 * Use it as {@code @ExtendWith(PostgresExtension.class)} or through {@link PostgresTest}.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(PostgresExtension.class);
    private static final String DATABASES = "databases";

    @Override
    public void beforeAll(ExtensionContext context) {
        databases(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // remove() looks at this class's own store only: a @Nested class leaves its enclosing class's database alone
        ClassDatabases own = context.getStore(NAMESPACE).remove(DATABASES, ClassDatabases.class);
        if (own != null) {
            own.dropAll();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public TestDatabase resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return databases(extensionContext).main();
    }

    /**
     * The databases of the test class that {@code context} belongs to, created on first use. Parameters can be
     * resolved before {@code beforeAll} (a constructor under {@code @TestInstance(PER_CLASS)}), hence the lookup
     * rather than relying on {@code beforeAll} having run.
     */
    private static ClassDatabases databases(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        DATABASES,
                        key -> new ClassDatabases(PostgresServers.get(), testClass.getSimpleName()),
                        ClassDatabases.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent()) {
            current = current.getParent().orElseThrow();
        }
        return current;
    }
}
