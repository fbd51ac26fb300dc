package dev.difyweave.demo.generator;

import dev.difyweave.demo.generator.DifyDataGenerator.Spec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Workspaces ({@code tenants}) with an owner, an admin and an editor account each. */
final class WorkspaceGenerator {

    private static final List<String> TENANT_NAMES = List.of(
            "Acme Support", "Globex Retail", "Initech Services", "Umbrella Health", "Stark Logistics",
            "Wayne Finance", "Hooli Cloud", "Soylent Foods");
    private static final List<String> PEOPLE = List.of(
            "Ada Lovelace", "Grace Hopper", "Linus Pauling", "Marie Curie", "Alan Turing", "Hedy Lamarr",
            "Katherine Johnson", "Claude Shannon", "Rosalind Franklin", "Tim Berners-Lee", "Barbara Liskov",
            "Donald Knuth", "Émilie du Châtelet", "Jürgen Schmidt");
    private static final List<String> ROLES = List.of("owner", "admin", "editor");

    private final DifyRowWriter writer;
    private final SeededRandom root;
    private final Spec spec;

    WorkspaceGenerator(DifyRowWriter writer, SeededRandom root, Spec spec) {
        this.writer = writer;
        this.root = root;
        this.spec = spec;
    }

    List<GeneratedTenant> generate() throws SQLException {
        long rangeStart = UtcTime.micros(spec.start());
        List<GeneratedTenant> tenants = new ArrayList<>();
        for (int t = 0; t < spec.tenants(); t++) {
            SeededRandom random = root.child(0, t);
            UUID tenantId = random.uuid();
            String name = TENANT_NAMES.get(t % TENANT_NAMES.size())
                    + (t < TENANT_NAMES.size() ? "" : " " + (t / TENANT_NAMES.size() + 1));
            long tenantCreated = rangeStart - random.between(120L, 400L) * UtcTime.MICROS_PER_DAY
                    - random.between(0L, UtcTime.MICROS_PER_DAY);
            writer.insert(new DifyRows.Tenant(tenantId, name, UtcTime.utcSeconds(tenantCreated)));

            String domain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".example.com";
            List<UUID> accountIds = new ArrayList<>();
            for (int a = 0; a < ROLES.size(); a++) {
                UUID accountId = random.uuid();
                String person = PEOPLE.get((t * ROLES.size() + a) % PEOPLE.size());
                String email = person.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", ".").replaceAll("^\\.|\\.$", "")
                        + "@" + domain;
                long created = tenantCreated + a * random.between(1L, 30L) * UtcTime.MICROS_PER_DAY;
                long lastLogin = rangeStart + spec.span().toNanos() / 1_000
                        - random.between(1L, 72L) * 3_600L * UtcTime.MICROS_PER_SECOND;
                writer.insert(new DifyRows.Account(accountId, person, email, UtcTime.utcSeconds(created),
                        UtcTime.utcSeconds(lastLogin)));
                writer.insert(new DifyRows.TenantAccountJoin(random.uuid(), tenantId, accountId, ROLES.get(a),
                        a == 0 ? null : accountIds.get(0), UtcTime.utcSeconds(created)));
                accountIds.add(accountId);
            }
            tenants.add(new GeneratedTenant(tenantId, name, accountIds));
        }
        return tenants;
    }

    /** A display name for an account of the tenant (as written to {@code accounts.name}). */
    static String personName(int tenantIndex, int accountIndex) {
        return PEOPLE.get((tenantIndex * ROLES.size() + accountIndex) % PEOPLE.size());
    }
}
