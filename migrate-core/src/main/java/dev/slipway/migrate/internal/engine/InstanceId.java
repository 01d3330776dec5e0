package dev.slipway.migrate.internal.engine;

import java.net.InetAddress;

/** Who ran a migration, for {@code applied_by}: host, process id and application name. */
public final class InstanceId {

    private static final String HOST = computeHost();

    private InstanceId() {}

    /** {@code host/pid (application)}. */
    public static String describe(String applicationName) {
        return HOST + "/" + ProcessHandle.current().pid()
                + (applicationName == null ? "" : " (" + applicationName + ")");
    }

    /** The host name: {@code HOSTNAME}, else the local host's name. */
    public static String host() {
        return HOST;
    }

    private static String computeHost() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
