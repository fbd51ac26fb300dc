package dev.difyweave.backfill.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.sql.Statement;
import java.util.Set;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of docs/architecture.md: packages read top-down without cycles, the pure layers
 * (the trace mappers and the Weave call model) touch no database, no HTTP and no Spring Batch, only
 * {@code state} writes to a database (the demo writes its generated Dify rows), only {@code storage}
 * uses the AWS SDK, and the product never depends on the demo.
 */
@AnalyzeClasses(packages = "dev.difyweave", importOptions = PackageRulesTest.MainClassesOnly.class)
class PackageRulesTest {

    private static final String BACKFILL = "dev.difyweave.backfill";

    /**
     * The product's classes only: Maven's test output is {@code <build dir>/test-classes} whatever the
     * build directory is called ({@code -Dbuild.dir}), which ArchUnit's own option does not know.
     */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching(BACKFILL + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule mappersAndTheCallModelArePure = noClasses()
            .that().resideInAnyPackage(BACKFILL + ".trace..", BACKFILL + ".call..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..",
                    "java.net.http..", "org.springframework.http..", "org.springframework.web..",
                    "org.springframework.batch..", "org.springframework.context..", "org.springframework.beans..")
            .because("the mapping layer is pure: rows in, calls out, unit-tested without I/O");

    @ArchTest
    static final ArchRule onlyStateWritesToADatabase = noClasses()
            .that().resideOutsideOfPackages(BACKFILL + ".state..", "dev.difyweave.demo..")
            .should().callMethodWhere(databaseWrite())
            .because("every backfill_* table belongs to the state package, and Dify is read-only to us");

    @ArchTest
    static final ArchRule onlyStorageUsesTheAwsSdk = noClasses()
            .that().resideOutsideOfPackage(BACKFILL + ".storage..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon..")
            .because("the AWS SDK is how storage reads an S3 bucket; routing and the job see PayloadStore only");

    @ArchTest
    static final ArchRule theProductNeverUsesTheDemo = noClasses()
            .that().resideInAPackage(BACKFILL + "..")
            .should().dependOnClassesThat().resideInAPackage("dev.difyweave.demo..")
            .because("the demo generator stays out of the backfill's path");

    /** A call that writes through JDBC: JdbcTemplate's update/batchUpdate/execute, or a statement's update. */
    private static DescribedPredicate<JavaMethodCall> databaseWrite() {
        Set<String> templateWrites = Set.of("update", "batchUpdate", "execute");
        Set<String> statementWrites = Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch",
                "executeLargeBatch");
        return DescribedPredicate.describe("writes to a database", call -> {
            var owner = call.getTargetOwner();
            String name = call.getName();
            boolean template = owner.isAssignableTo(JdbcOperations.class)
                    || owner.isAssignableTo(NamedParameterJdbcOperations.class);
            return template && templateWrites.contains(name)
                    || owner.isAssignableTo(Statement.class) && statementWrites.contains(name);
        });
    }
}
