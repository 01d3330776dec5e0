package dev.slipway.migrate;

import java.time.Instant;

/**
 * The PostgreSQL session that holds the migration lock.
 *
 * @param pid the backend process id
 * @param applicationName the session's {@code application_name}, possibly empty
 * @param clientAddress the client address, or null for a Unix socket
 * @param since when that session connected
 * @param state the session's state ({@code active}, {@code idle}, ...)
 */
public record LockHolder(int pid, String applicationName, String clientAddress, Instant since, String state) {

    @Override
    public String toString() {
        return "pid " + pid
                + (applicationName == null || applicationName.isEmpty() ? "" : " (" + applicationName + ")")
                + (clientAddress == null ? "" : " from " + clientAddress)
                + (since == null ? "" : ", connected since " + since)
                + (state == null ? "" : ", " + state);
    }
}
