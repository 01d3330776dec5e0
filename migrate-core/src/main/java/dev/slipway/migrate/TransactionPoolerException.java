package dev.slipway.migrate;

/**
 * The connections Slipway was given go through a transaction pooler (such as PgBouncer with
 * {@code pool_mode=transaction}): clients take turns on shared server sessions, so a session advisory lock or
 * session setting of one client holds for others, and Slipway's lock would keep nobody out. Thrown by
 * {@code migrate}, {@code contract}, {@code resolve}, {@code rollback}, {@code heartbeat} and by backfills before they
 * take any lock or run any statement of a migration or batch, with what the check saw.
 *
 * <p>The message is the {@linkplain #getDescription() description}, the {@linkplain #getEvidence() evidence} and the
 * {@linkplain #getAction() action} on lines of their own; the action speaks of the connection only, so that each
 * front end (a Spring Boot failure analysis, a command line) can say how to give Slipway a direct one in its own
 * terms.
 */
public class TransactionPoolerException extends SlipwayException {

    private static final String DESCRIPTION = "The connections Slipway was given go through a transaction pooler "
            + "(such as PgBouncer with pool_mode=transaction): clients share server sessions there, so a session lock "
            + "of one keeps nobody out. Slipway stopped before taking any lock or running any migration.";

    private static final String ACTION = "Connect Slipway to PostgreSQL directly, with a data source of its own that "
            + "bypasses the pooler (the application may keep using it), or through a pool in session mode "
            + "(pool_mode=session).";

    private final String evidence;

    /**
     * @param evidence what the check saw, e.g. {@code two connections open at the same time were served by the same
     *     server session (pg_backend_pid() 4711 on both)}
     */
    public TransactionPoolerException(String evidence) {
        super(DESCRIPTION + "\n-> seen: " + evidence + "\n" + ACTION);
        this.evidence = evidence;
    }

    /** What happened and what it means. */
    public String getDescription() {
        return DESCRIPTION;
    }

    /** What the check saw: the technique and the facts (server session pids). */
    public String getEvidence() {
        return evidence;
    }

    /** What to do, in terms of the connection (no configuration property names). */
    public String getAction() {
        return ACTION;
    }
}
