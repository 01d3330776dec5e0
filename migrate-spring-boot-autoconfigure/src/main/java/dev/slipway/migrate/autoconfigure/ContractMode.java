package dev.slipway.migrate.autoconfigure;

/**
 * When a running application applies the pending contract migrations ({@code -- slipway:phase contract}), set by
 * {@code slipway.contract.mode}. Contract migrations never run at startup, in any mode.
 */
public enum ContractMode {

    /**
     * A background task checks every heartbeat interval and applies each contract migration as soon as every backfill
     * it requires is complete and every live instance ships it.
     */
    AUTO,

    /**
     * Contract migrations wait for an explicit trigger: {@code POST /actuator/slipway/migrations/contract} (with
     * write operations enabled), which applies those whose conditions hold.
     */
    MANUAL,

    /** This application never applies contract migrations; the trigger is refused. */
    OFF
}
