package dev.slipway.maven.entities;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The {@code entities} schema source: Hibernate's create script of the application's JPA model, written to a folder
 * that is then read as {@code schema:<folder>}.
 *
 * <ol>
 *   <li>Check that the compiled classes are not older than their sources (a stale class would give a stale
 *       schema).</li>
 *   <li>Find the classes of the project's own output folder annotated {@code @Entity}, {@code @Embeddable},
 *       {@code @MappedSuperclass} or {@code @Converter} (jakarta.persistence): a class file whose bytes name the
 *       annotation is loaded, without initialising it, in a class loader over the project's runtime classpath and
 *       checked with {@code isAnnotationPresent}. Entities of dependencies are not scanned.</li>
 *   <li>Load {@link HibernateBridge} in a child of that class loader, so that it runs against the project's
 *       Hibernate, and let it write the create script for PostgreSQL (the development server's version) with
 *       Spring Boot's naming strategies when they are on the classpath ({@code CamelCaseToUnderscoresNamingStrategy}
 *       and {@code SpringImplicitNamingStrategy}, as the application uses them), or the ones given.</li>
 * </ol>
 *
 * Hibernate's log goes through {@code java.util.logging} for the time of the export; its warnings are passed on.
 */
public final class EntitiesExporter {

    /** The file written in the output folder. */
    public static final String SCRIPT = "entities.sql";

    static final String PHYSICAL_DEFAULT = "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy";

    static final List<String> IMPLICIT_DEFAULTS = List.of(
            "org.springframework.boot.hibernate.SpringImplicitNamingStrategy",
            "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy");

    private static final List<String> ANNOTATIONS = List.of(
            "jakarta.persistence.Entity",
            "jakarta.persistence.Embeddable",
            "jakarta.persistence.MappedSuperclass",
            "jakarta.persistence.Converter");

    /**
     * What to export.
     *
     * @param classes the project's output folder ({@code target/classes})
     * @param sourceRoots the folders of its Java sources, for the staleness check
     * @param classpath the project's runtime classpath (the output folder and every dependency)
     * @param output the folder to write {@value #SCRIPT} into
     * @param databaseMajor the PostgreSQL major version the dialect is chosen for
     * @param databaseMinor its minor version
     * @param physicalNamingStrategy a class name, or null for Spring Boot's default
     * @param implicitNamingStrategy a class name, or null for Spring Boot's default
     */
    public record Request(
            Path classes,
            List<Path> sourceRoots,
            List<Path> classpath,
            Path output,
            int databaseMajor,
            int databaseMinor,
            String physicalNamingStrategy,
            String implicitNamingStrategy) {}

    /**
     * The export done.
     *
     * @param script the file written
     * @param classes the annotated classes it was made from
     */
    public record Result(Path script, List<String> classes) {}

    private EntitiesExporter() {}

    /**
     * Writes the create script.
     *
     * @throws EntitiesException naming what is missing (compiled classes, entities, Hibernate) and what to do
     */
    public static Result export(Request request, Consumer<String> warnings) {
        if (!Files.isDirectory(request.classes())) {
            throw new EntitiesException("The project has no compiled classes in " + request.classes()
                    + ": the entities source reads the compiled @Entity classes.\n"
                    + "Compile first: mvn compile slipway:<goal>.");
        }
        String stale = staleSource(request.classes(), request.sourceRoots());
        if (stale != null) {
            throw new EntitiesException(stale + " is newer than its compiled class in " + request.classes()
                    + ": the entities would be read as they were before the change.\n"
                    + "Compile first: mvn compile slipway:<goal>.");
        }
        try (URLClassLoader project =
                new URLClassLoader(urls(request.classpath()), ClassLoader.getPlatformClassLoader())) {
            if (!present(project, "org.hibernate.boot.MetadataSources")) {
                throw new EntitiesException("Hibernate is not on the project's runtime classpath: the entities source"
                        + " is Hibernate's schema export of the JPA model.\n"
                        + "Add spring-boot-starter-data-jpa (or hibernate-core) to the project, or name another "
                        + "source (schema, migrations, url:...).");
            }
            List<String> classes = annotatedClasses(request.classes(), project);
            if (classes.stream().noneMatch(c -> c.startsWith("@Entity "))) {
                throw new EntitiesException("No class in " + request.classes() + " is annotated"
                        + " @jakarta.persistence.Entity.\n"
                        + "Compile the project (mvn compile slipway:<goal>); entities that live in a dependency are "
                        + "not read: export them with that module's build, or use a schema folder.");
            }
            List<String> names =
                    classes.stream().map(c -> c.substring(c.indexOf(' ') + 1)).toList();
            Files.createDirectories(request.output());
            Path script = request.output().resolve(SCRIPT);
            runBridge(project, names, settings(request, project), script, warnings);
            if (!Files.isRegularFile(script)) {
                throw new EntitiesException(
                        "Hibernate wrote no script to " + script + ".\n"
                                + "Check the Hibernate warnings above; -Dslipway.to=schema:<folder> with the DDL written by hand avoids the export.");
            }
            return new Result(script, names);
        } catch (IOException e) {
            throw new EntitiesException(
                    "Could not export the entities to " + request.output() + ": " + e.getMessage()
                            + "\nCheck that the folder can be written.",
                    e);
        }
    }

    /** Hibernate's settings: the database and the naming strategies. */
    static Map<String, String> settings(Request request, ClassLoader project) {
        Map<String, String> settings = new LinkedHashMap<>();
        // The dialect is resolved from the product name and version, as from a connection, without one.
        settings.put("jakarta.persistence.database-product-name", "PostgreSQL");
        settings.put("jakarta.persistence.database-major-version", Integer.toString(request.databaseMajor()));
        settings.put("jakarta.persistence.database-minor-version", Integer.toString(request.databaseMinor()));
        String physical = request.physicalNamingStrategy() != null
                ? request.physicalNamingStrategy()
                : present(project, PHYSICAL_DEFAULT) ? PHYSICAL_DEFAULT : null;
        if (physical != null) {
            settings.put("hibernate.physical_naming_strategy", physical);
        }
        String implicit = request.implicitNamingStrategy() != null
                ? request.implicitNamingStrategy()
                : IMPLICIT_DEFAULTS.stream()
                        .filter(name -> present(project, name))
                        .findFirst()
                        .orElse(null);
        if (implicit != null) {
            settings.put("hibernate.implicit_naming_strategy", implicit);
        }
        return settings;
    }

    /**
     * The annotated classes of the output folder, sorted, each as {@code @Entity com.example.Customer}: a class file
     * is loaded only when its bytes name one of the annotations.
     */
    static List<String> annotatedClasses(Path classes, ClassLoader project) throws IOException {
        Map<String, Class<? extends Annotation>> annotations = new LinkedHashMap<>();
        for (String name : ANNOTATIONS) {
            try {
                annotations.put(name, Class.forName(name, false, project).asSubclass(Annotation.class));
            } catch (ClassNotFoundException e) {
                // jakarta.persistence missing altogether: no class can carry the annotation
            }
        }
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (annotations.keySet().stream().noneMatch(a -> bytes.contains("L" + a.replace('.', '/') + ";"))) {
                continue;
            }
            String relative = classes.relativize(file)
                    .toString()
                    .replace(file.getFileSystem().getSeparator(), "/");
            String className =
                    relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
            try {
                Class<?> type = Class.forName(className, false, project);
                for (Map.Entry<String, Class<? extends Annotation>> annotation : annotations.entrySet()) {
                    if (type.isAnnotationPresent(annotation.getValue())) {
                        found.add("@" + annotation.getValue().getSimpleName() + " " + className);
                        break;
                    }
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new EntitiesException(
                        "Could not load " + className + " from " + classes + ": " + e
                                + "\nCompile the project again (mvn clean compile slipway:<goal>).",
                        e);
            }
        }
        return found;
    }

    /** The first Java source whose top-level class file is missing or older, or null. */
    static String staleSource(Path classes, List<Path> sourceRoots) {
        for (Path root : sourceRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path source : walk.filter(p -> p.toString().endsWith(".java"))
                        .sorted()
                        .toList()) {
                    String file = source.getFileName().toString();
                    if (file.equals("package-info.java") || file.equals("module-info.java")) {
                        continue;
                    }
                    String relative = root.relativize(source).toString();
                    Path compiled =
                            classes.resolve(relative.substring(0, relative.length() - ".java".length()) + ".class");
                    if (!Files.isRegularFile(compiled)
                            || Files.getLastModifiedTime(compiled).compareTo(Files.getLastModifiedTime(source)) < 0) {
                        return source.toString();
                    }
                }
            } catch (IOException e) {
                throw new EntitiesException("Could not read the sources in " + root + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    private static void runBridge(
            ClassLoader project,
            List<String> classes,
            Map<String, String> settings,
            Path script,
            Consumer<String> warn) {
        URL bridgeLocation =
                HibernateBridge.class.getProtectionDomain().getCodeSource().getLocation();
        String previousProvider = System.getProperty("org.jboss.logging.provider");
        Logger hibernateLog = Logger.getLogger("org.hibernate");
        Level previousLevel = hibernateLog.getLevel();
        boolean previousParentHandlers = hibernateLog.getUseParentHandlers();
        Handler forward = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    String message = record.getMessage();
                    if (record.getParameters() != null && message != null && message.contains("{0")) {
                        message = java.text.MessageFormat.format(message, record.getParameters());
                    }
                    warn.accept("Hibernate: " + message);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Thread thread = Thread.currentThread();
        ClassLoader previousContext = thread.getContextClassLoader();
        try (URLClassLoader bridgeLoader = new URLClassLoader(new URL[] {bridgeLocation}, project)) {
            System.setProperty("org.jboss.logging.provider", "jdk");
            hibernateLog.setLevel(Level.WARNING);
            hibernateLog.setUseParentHandlers(false);
            hibernateLog.addHandler(forward);
            thread.setContextClassLoader(bridgeLoader);
            Class<?> bridge = Class.forName(HibernateBridge.class.getName(), true, bridgeLoader);
            if (bridge.getClassLoader() != bridgeLoader) {
                throw new EntitiesException("The project's classpath holds Slipway's own "
                        + HibernateBridge.class.getName() + ".\nRemove slipway-maven-plugin from the project's "
                        + "dependencies: it is a build plugin.");
            }
            Method export = bridge.getMethod("export", List.class, Map.class, String.class);
            export.invoke(null, classes, settings, script.toString());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new EntitiesException(
                    "Hibernate could not export the schema of the entities: " + messages(cause)
                            + "\nCorrect the mapping it names (the class and property are in the message), then run the goal again.",
                    cause);
        } catch (ReflectiveOperationException | IOException | LinkageError e) {
            throw new EntitiesException(
                    "Could not run Hibernate from the project's classpath: " + e
                            + "\nCheck that the project's Hibernate is 6.x or newer (mvn dependency:tree).",
                    e);
        } finally {
            thread.setContextClassLoader(previousContext);
            hibernateLog.removeHandler(forward);
            hibernateLog.setUseParentHandlers(previousParentHandlers);
            hibernateLog.setLevel(previousLevel);
            if (previousProvider == null) {
                System.clearProperty("org.jboss.logging.provider");
            } else {
                System.setProperty("org.jboss.logging.provider", previousProvider);
            }
        }
    }

    /** The exception's message and those of its causes, each once. */
    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    private static boolean present(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static URL[] urls(List<Path> classpath) {
        List<URL> urls = new ArrayList<>();
        for (Path path : classpath) {
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new EntitiesException("Cannot read " + path + " as a classpath entry: " + e.getMessage(), e);
            }
        }
        return urls.toArray(URL[]::new);
    }
}
