package dev.slipway.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of the libraries on the class path, for the report. */
final class Versions {

    private Versions() {}

    /** The version in the jar's {@code META-INF/maven/<group>/<artifact>/pom.properties}, or "unknown". */
    static String of(String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = Versions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Spring Boot's version (its jars carry no Maven metadata). */
    static String springBoot() {
        return org.springframework.boot.SpringBootVersion.getVersion();
    }

    /** Spring Framework's version. */
    static String springFramework() {
        return org.springframework.core.SpringVersion.getVersion();
    }

    static String postgresqlDriver() {
        return org.postgresql.util.DriverInfo.DRIVER_VERSION;
    }
}
