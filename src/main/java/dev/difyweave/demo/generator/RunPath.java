package dev.difyweave.demo.generator;

import java.util.ArrayList;
import java.util.List;

import dev.difyweave.demo.generator.WorkflowPlan.Branch;
import dev.difyweave.demo.generator.WorkflowPlan.Iteration;
import dev.difyweave.demo.generator.WorkflowPlan.PlannedNode;
import dev.difyweave.demo.generator.WorkflowPlan.Single;
import dev.difyweave.demo.generator.WorkflowPlan.Stage;

/**
 * A run's path through its app's {@link WorkflowPlan}: branches resolved, iteration sizes drawn, the
 * end node included.
 */
final class RunPath {

    private RunPath() {
    }

    /** One top-level step of a run: a node, or an iteration with its items. */
    sealed interface Unit permits NodeUnit, IterationUnit {
        String nodeId();
    }

    record NodeUnit(PlannedNode node, String predecessor, String branchLabel) implements Unit {
        @Override
        public String nodeId() {
            return node.id();
        }
    }

    record IterationUnit(Iteration stage, String predecessor, int items) implements Unit {
        @Override
        public String nodeId() {
            return stage.iteration().id();
        }
    }

    /** Draws a run's path through {@code plan}. */
    static List<Unit> of(WorkflowPlan plan, SeededRandom random) {
        List<Unit> units = new ArrayList<>();
        units.add(new NodeUnit(plan.start(), null, null));
        String previous = plan.start().id();
        for (Stage stage : plan.stages()) {
            if (stage instanceof Single single) {
                units.add(new NodeUnit(single.node(), previous, null));
                previous = single.node().id();
            } else if (stage instanceof Branch branch) {
                int arm = random.nextInt(branch.arms().size());
                units.add(new NodeUnit(branch.decider(), previous, branch.armLabels().get(arm)));
                PlannedNode taken = branch.arms().get(arm);
                units.add(new NodeUnit(taken, branch.decider().id(), null));
                units.add(new NodeUnit(branch.aggregator(), taken.id(), null));
                previous = branch.aggregator().id();
            } else if (stage instanceof Iteration iteration) {
                units.add(new IterationUnit(iteration, previous,
                        random.between(iteration.minItems(), iteration.maxItems())));
                previous = iteration.iteration().id();
            }
        }
        units.add(new NodeUnit(plan.end(), previous, null));
        return units;
    }
}
