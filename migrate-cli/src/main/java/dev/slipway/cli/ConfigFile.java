package dev.slipway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The properties of a Spring Boot application's {@code application.yml} or {@code application.properties}, read as
 * Spring Boot reads them for what the command line needs ({@code spring.datasource.*} and {@code slipway.*}):
 * <ol>
 *   <li>The file itself: YAML (every document, nested keys and lists flattened to {@code a.b[0]}) or properties.</li>
 *   <li>The profiles: those given, else the file's {@code spring.profiles.active}. For each, in order, a YAML
 *       document with {@code spring.config.activate.on-profile} (or the older {@code spring.profiles}) naming it,
 *       then {@code application-<profile>.yml|yaml|properties} next to the file; later ones override earlier.</li>
 *   <li>Placeholders {@code ${name}} and {@code ${name:default}}: another property, else an environment variable
 *       ({@code name}, or its upper-case form with {@code .} and {@code -} as {@code _}), else the default.</li>
 * </ol>
 * Keys are compared in Spring Boot's relaxed way: case and dashes do not matter ({@code wait-timeout},
 * {@code waitTimeout}).
 */
final class ConfigFile {

    private final Path file;
    private final Map<String, String> values;
    private final Function<String, String> environment;

    private ConfigFile(Path file, Map<String, String> values, Function<String, String> environment) {
        this.file = file;
        this.values = values;
        this.environment = environment;
    }

    static ConfigFile read(Path file, List<String> profiles, Function<String, String> environment) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(
                    "The configuration file " + file + " does not exist.",
                    "Give --config the path of the application's application.yml or application.properties, "
                            + "e.g. --config src/main/resources/application.yml.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<Map<String, String>> documents = load(file);
        Map<String, String> base = new LinkedHashMap<>();
        for (Map<String, String> document : documents) {
            if (profileOf(document) == null) {
                base.putAll(document);
            }
        }
        values.putAll(base);
        List<String> active = new ArrayList<>(profiles);
        if (active.isEmpty()) {
            String fromFile = lookup(base, "spring.profiles.active");
            if (fromFile != null && !fromFile.isBlank()) {
                Arrays.stream(fromFile.split(","))
                        .map(String::trim)
                        .filter(p -> !p.isEmpty())
                        .forEach(active::add);
            }
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String stem = dot < 0 ? fileName : fileName.substring(0, dot);
        for (String profile : active) {
            for (Map<String, String> document : documents) {
                String on = profileOf(document);
                if (on != null && Arrays.stream(on.split(",")).map(String::trim).anyMatch(profile::equals)) {
                    values.putAll(document);
                }
            }
            for (String extension : List.of("properties", "yaml", "yml")) {
                Path profileFile = file.resolveSibling(stem + "-" + profile + "." + extension);
                if (Files.isRegularFile(profileFile)) {
                    load(profileFile).forEach(values::putAll);
                }
            }
        }
        return new ConfigFile(file, values, environment);
    }

    /** The folder of the file: the classpath root when it is {@code src/main/resources/application.yml}. */
    Path directory() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    Path file() {
        return file;
    }

    /** The value of a property, its placeholders resolved; null when it is not set. */
    String get(String key) {
        String value = lookup(values, key);
        return value == null ? null : resolve(value, 0);
    }

    /**
     * A list property: {@code key} as a comma-separated value, or {@code key[0]}, {@code key[1]}, ... (YAML lists);
     * null when not set.
     */
    List<String> getList(String key) {
        String single = get(key);
        if (single != null) {
            return Arrays.stream(single.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; ; i++) {
            String item = get(key + "[" + i + "]");
            if (item == null) {
                break;
            }
            items.add(item.trim());
        }
        return items.isEmpty() ? null : items;
    }

    private String resolve(String value, int depth) {
        if (depth > 10 || !value.contains("${")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            int end = closing(value, start + 2);
            if (end < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            String inner = value.substring(start + 2, end);
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner : inner.substring(0, colon);
            String fallback = colon < 0 ? null : inner.substring(colon + 1);
            String found = lookup(values, name);
            if (found == null) {
                found = environment.apply(name);
            }
            if (found == null) {
                found = environment.apply(
                        name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            if (found == null) {
                found = fallback;
            }
            if (found == null) {
                throw new CliException(
                        "The property " + name + " used as ${" + name + "} in " + file + " is not set.",
                        "Set the environment variable "
                                + name.toUpperCase(Locale.ROOT)
                                        .replace('.', '_')
                                        .replace('-', '_') + ", or pass the value as an option.");
            }
            out.append(resolve(found, depth + 1));
            i = end + 1;
        }
        return out.toString();
    }

    private static int closing(String value, int from) {
        int depth = 1;
        for (int i = from; i < value.length(); i++) {
            if (value.startsWith("${", i)) {
                depth++;
                i++;
            } else if (value.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String profileOf(Map<String, String> document) {
        String on = lookup(document, "spring.config.activate.on-profile");
        return on != null ? on : lookup(document, "spring.profiles");
    }

    private static String lookup(Map<String, String> map, String key) {
        String wanted = canonical(key);
        String found = null;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (canonical(entry.getKey()).equals(wanted)) {
                found = entry.getValue();
            }
        }
        return found;
    }

    private static String canonical(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static List<Map<String, String>> load(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".properties")) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                Map<String, String> document = new LinkedHashMap<>();
                properties.stringPropertyNames().forEach(key -> document.put(key, properties.getProperty(key)));
                return List.of(document);
            }
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                List<Map<String, String>> documents = new ArrayList<>();
                try (InputStream in = Files.newInputStream(file)) {
                    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                        Map<String, String> flat = new LinkedHashMap<>();
                        flatten("", document, flat);
                        documents.add(flat);
                    }
                }
                return documents;
            }
        } catch (IOException | RuntimeException e) {
            throw new CliException(
                    "Cannot read the configuration file " + file + ": " + e.getMessage(),
                    "Check that it is valid " + (name.endsWith(".properties") ? "properties" : "YAML") + ".");
        }
        throw new CliException(
                "The configuration file " + file + " is neither .yml, .yaml nor .properties.",
                "Give --config the application's application.yml or application.properties.");
    }

    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, out));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), out);
            }
        } else if (node != null && !prefix.isEmpty()) {
            out.put(prefix, String.valueOf(node));
        }
    }
}
