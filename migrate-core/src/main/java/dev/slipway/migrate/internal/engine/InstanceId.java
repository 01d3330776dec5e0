package dev.slipway.migrate.internal.engine;

import java.net.InetAddress;

/** Who ran a migration, for {@code applied_by}: host, process id and application name. */
public final class InstanceId {

    private static final String HOST = host();

    private InstanceId() {
    }

    /** {@code host/pid (application)}. */
    public static String describe(String applicationName) {
        return HOST + "/" + ProcessHandle.current().pid()
                + (applicationName == null ? "" : " (" + applicationName + ")");
    }

    private static String host() {
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
