package dev.slipway.migrate;

import java.util.List;

/**
 * What one {@link Slipway#contract()} did.
 *
 * @param applied the contract migrations this call applied, in order, in their new state
 * @param awaiting the pending contract migrations that still wait, in version order, each in state
 *     {@link MigrationState#AWAITING} with {@link MigrationInfo#awaitingReason()} saying what it waits for
 */
public record ContractResult(List<MigrationInfo> applied, List<MigrationInfo> awaiting) {

    public ContractResult {
        applied = List.copyOf(applied);
        awaiting = List.copyOf(awaiting);
    }

    /** How many migrations this call applied. */
    public int appliedCount() {
        return applied.size();
    }
}
