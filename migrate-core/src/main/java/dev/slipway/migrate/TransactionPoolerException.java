package dev.slipway.migrate;

/**
 * The connections Slipway was given go through a transaction pooler (such as PgBouncer with
 * {@code pool_mode=transaction}): clients take turns on shared server sessions, so a session advisory lock or
 * session setting of one client holds for others, and Slipway's lock would keep nobody out. Thrown by
 * {@code migrate}, {@code contract}, {@code resolve}, {@code rollback}, {@code heartbeat} and by backfills before they
 * take any lock or run any statement of a migration or batch, with what the check saw.
 *
 * <p>The {@linkplain #getDescription() description} ends with the {@linkplain #getEvidence() evidence}; the
 * {@linkplain #getAction() action} names the migration login's URL as {@link Setting#DATASOURCE_URL}.
 */
public class TransactionPoolerException extends SlipwayException {

    private static final String DESCRIPTION = "The connections Slipway was given go through a transaction pooler "
            + "(such as PgBouncer with pool_mode=transaction): clients share server sessions there, so a session lock "
            + "of one keeps nobody out. Slipway stopped before taking any lock or running any migration.";

    private static final Action ACTION = Action.of(
            "Give Slipway a direct connection to PostgreSQL, bypassing the "
                    + "pooler: set {} with {} and {} (the application may keep using the pooler). Or let Slipway's connections "
                    + "go through a pool in session mode (pool_mode=session).",
            Setting.DATASOURCE_URL.to("jdbc:postgresql://<PostgreSQL host>:<port>/<database>"),
            Setting.DATASOURCE_USERNAME,
            Setting.DATASOURCE_PASSWORD);

    private final String evidence;

    /**
     * @param evidence what the check saw, e.g. {@code two connections open at the same time were served by the same
     *     server session (pg_backend_pid() 4711 on both)}
     */
    public TransactionPoolerException(String evidence) {
        super(SlipwayError.TRANSACTION_POOLER, DESCRIPTION + "\n-> seen: " + evidence, ACTION);
        this.evidence = evidence;
    }

    /** What the check saw: the technique and the facts (server session pids). */
    public String getEvidence() {
        return evidence;
    }
}
