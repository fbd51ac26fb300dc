package dev.difyweave.backfill.job;

import java.util.UUID;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.source.WorkflowTraceSource;

/**
 * A mapper bug on one row, for a backfill JVM that loads this class through Spring Boot's standard
 * {@code spring.main.sources} property (it has no stereotype, so the application's component scan never
 * picks it up): the workflow-run steps' processor maps every run as the product does, except the run
 * named by the system property {@value #RUN}, whose mapping throws. Everything else, the processor that
 * catches the failure and the writer and ledger that record it included, is the product's.
 */
public class FailingAssembly {

    public static final String RUN = "backfill.test.failing-run";
    public static final String BUG = "a mapper bug on this row (injected by the test)";

    @Bean
    static BeanPostProcessor oneRunFailsToAssemble() {
        UUID failing = UUID.fromString(System.getProperty(RUN));
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings("unchecked")
            public Object postProcessAfterInitialization(Object bean, String name) {
                // the step-scoped bean itself, made per step execution (not the scoped proxy's factory)
                if (!(bean instanceof TraceAssemblyProcessor<?> processor) || !name.endsWith(".workflowTraceProcessor")) {
                    return bean;
                }
                TraceAssemblyProcessor<WorkflowTraceSource> product = (TraceAssemblyProcessor<WorkflowTraceSource>) processor;
                return new TraceAssemblyProcessor<WorkflowTraceSource>(TraceKind.WORKFLOW, root -> {
                    if (root.run().id().equals(failing)) {
                        throw new IllegalStateException(BUG);
                    }
                    return product.process(root);
                });
            }
        };
    }
}
