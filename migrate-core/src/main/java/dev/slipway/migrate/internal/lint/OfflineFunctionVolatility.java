package dev.slipway.migrate.internal.lint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The volatility of functions known without a database:
 * <ol>
 *   <li>every function of PostgreSQL 15's {@code pg_catalog} ({@code pg-catalog-functions.txt}, made from
 *       {@code pg_proc}; of overloads with different volatility the most volatile);</li>
 *   <li>the volatile built-ins of later versions ({@code uuidv4}, {@code uuidv7}, {@code random_normal}, ...);</li>
 *   <li>the functions of {@code uuid-ossp} and {@code pgcrypto}, the extensions defaults call most;</li>
 *   <li>SQL's keywords that read like calls and are not in {@code pg_proc} ({@code coalesce}, {@code greatest},
 *       {@code current_timestamp(3)}, ...).</li>
 * </ol>
 * Any other name (a function of the application's own) is unknown.
 */
final class OfflineFunctionVolatility implements FunctionVolatility {

    static final OfflineFunctionVolatility INSTANCE = new OfflineFunctionVolatility();

    private static final String CATALOG = "pg-catalog-functions.txt";

    private final Map<String, Volatility> functions = new HashMap<>();

    private OfflineFunctionVolatility() {
        readCatalog();
        for (String name : new String[] {
            "uuidv4",
            "uuidv7",
            "random_normal",
            "uuid_generate_v1",
            "uuid_generate_v1mc",
            "uuid_generate_v4",
            "gen_random_bytes",
            "gen_salt"
        }) {
            functions.put(name, Volatility.VOLATILE);
        }
        for (String name : new String[] {
            "uuid_generate_v3",
            "uuid_generate_v5",
            "uuid_nil",
            "uuid_ns_dns",
            "uuid_ns_url",
            "uuid_ns_oid",
            "uuid_ns_x500",
            "digest",
            "hmac",
            "crypt",
            "encrypt",
            "decrypt",
            "coalesce",
            "nullif",
            "greatest",
            "least",
            "overlay",
            "position",
            "treat",
            "grouping"
        }) {
            functions.putIfAbsent(name, Volatility.IMMUTABLE);
        }
        for (String name : new String[] {
            "current_timestamp",
            "current_time",
            "localtime",
            "localtimestamp",
            "current_date",
            "current_user",
            "current_role",
            "session_user",
            "system_user",
            "user",
            "current_catalog",
            "current_schema"
        }) {
            functions.putIfAbsent(name, Volatility.STABLE);
        }
    }

    @Override
    public Volatility of(String name) {
        return functions.get(name);
    }

    private void readCatalog() {
        try (InputStream in = OfflineFunctionVolatility.class.getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException(CATALOG + " is missing from Slipway's jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                functions.put(line.substring(0, space), Volatility.ofCode(line.substring(space + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CATALOG, e);
        }
    }
}
