package dev.difyweave.demo.generator;

import java.util.List;
import java.util.UUID;

/** A workspace and its console accounts (the first is the owner). */
public record GeneratedTenant(UUID id, String name, List<UUID> accountIds) {
    public GeneratedTenant {
        accountIds = List.copyOf(accountIds);
    }

    public UUID ownerAccountId() {
        return accountIds.get(0);
    }
}
