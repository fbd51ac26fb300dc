package dev.difyweave.demo.generator;

import java.time.Duration;
import java.time.Instant;

import dev.difyweave.demo.generator.DifyDataGenerator.Spec;

/** Changes a few values of a {@link Spec}: {@code Spec.small().toBuilder().seed(7).build()}. */
public final class SpecBuilder {
    private long seed;
    private int tenants;
    private int workflowAppsPerTenant;
    private int runsPerApp;
    private int nodesPerRun;
    private int endUsersPerApp;
    private int singleStepNodesPerApp;
    private int chatAppsPerTenant;
    private int completionAppsPerTenant;
    private int agentAppsPerTenant;
    private int chatflowAppsPerTenant;
    private int conversationsPerApp;
    private int messagesPerConversation;
    private Instant start;
    private Duration span;
    private double failedFraction;
    private double stoppedFraction;
    private double partialSucceededFraction;
    private double runningFraction;
    private double pausedFraction;
    private double debuggingFraction;
    private double nodeFailedFraction;
    private int payloadBytes;
    private boolean recordRuns;
    private PayloadOffload offload;
    private boolean feedback;

    SpecBuilder(Spec spec) {
        seed = spec.seed();
        tenants = spec.tenants();
        workflowAppsPerTenant = spec.workflowAppsPerTenant();
        runsPerApp = spec.runsPerApp();
        nodesPerRun = spec.nodesPerRun();
        endUsersPerApp = spec.endUsersPerApp();
        singleStepNodesPerApp = spec.singleStepNodesPerApp();
        chatAppsPerTenant = spec.chatAppsPerTenant();
        completionAppsPerTenant = spec.completionAppsPerTenant();
        agentAppsPerTenant = spec.agentAppsPerTenant();
        chatflowAppsPerTenant = spec.chatflowAppsPerTenant();
        conversationsPerApp = spec.conversationsPerApp();
        messagesPerConversation = spec.messagesPerConversation();
        start = spec.start();
        span = spec.span();
        failedFraction = spec.failedFraction();
        stoppedFraction = spec.stoppedFraction();
        partialSucceededFraction = spec.partialSucceededFraction();
        runningFraction = spec.runningFraction();
        pausedFraction = spec.pausedFraction();
        debuggingFraction = spec.debuggingFraction();
        nodeFailedFraction = spec.nodeFailedFraction();
        payloadBytes = spec.payloadBytes();
        recordRuns = spec.recordRuns();
        offload = spec.offload();
        feedback = spec.feedback();
    }

    public SpecBuilder seed(long value) {
        seed = value;
        return this;
    }

    public SpecBuilder tenants(int value) {
        tenants = value;
        return this;
    }

    public SpecBuilder workflowAppsPerTenant(int value) {
        workflowAppsPerTenant = value;
        return this;
    }

    public SpecBuilder runsPerApp(int value) {
        runsPerApp = value;
        return this;
    }

    public SpecBuilder nodesPerRun(int value) {
        nodesPerRun = value;
        return this;
    }

    public SpecBuilder endUsersPerApp(int value) {
        endUsersPerApp = value;
        return this;
    }

    public SpecBuilder singleStepNodesPerApp(int value) {
        singleStepNodesPerApp = value;
        return this;
    }

    public SpecBuilder chatAppsPerTenant(int value) {
        chatAppsPerTenant = value;
        return this;
    }

    public SpecBuilder completionAppsPerTenant(int value) {
        completionAppsPerTenant = value;
        return this;
    }

    public SpecBuilder agentAppsPerTenant(int value) {
        agentAppsPerTenant = value;
        return this;
    }

    public SpecBuilder chatflowAppsPerTenant(int value) {
        chatflowAppsPerTenant = value;
        return this;
    }

    /** No message-side apps at all: only workflow apps and their runs. */
    public SpecBuilder withoutMessageApps() {
        chatAppsPerTenant = 0;
        completionAppsPerTenant = 0;
        agentAppsPerTenant = 0;
        chatflowAppsPerTenant = 0;
        return this;
    }

    public SpecBuilder conversationsPerApp(int value) {
        conversationsPerApp = value;
        return this;
    }

    public SpecBuilder messagesPerConversation(int value) {
        messagesPerConversation = value;
        return this;
    }

    /** Runs start uniformly in {@code [start, start + span)}. */
    public SpecBuilder timeRange(Instant startValue, Duration spanValue) {
        start = startValue;
        span = spanValue;
        return this;
    }

    /** Shares of runs that end failed, stopped, partial-succeeded, or are still running or paused. */
    public SpecBuilder statusFractions(double failed, double stopped, double partialSucceeded, double running,
                                   double paused) {
        failedFraction = failed;
        stoppedFraction = stopped;
        partialSucceededFraction = partialSucceeded;
        runningFraction = running;
        pausedFraction = paused;
        return this;
    }

    public SpecBuilder debuggingFraction(double value) {
        debuggingFraction = value;
        return this;
    }

    public SpecBuilder nodeFailedFraction(double value) {
        nodeFailedFraction = value;
        return this;
    }

    public SpecBuilder payloadBytes(int value) {
        payloadBytes = value;
        return this;
    }

    public SpecBuilder recordRuns(boolean value) {
        recordRuns = value;
        return this;
    }

    /** Offload node payload columns longer than {@code aboveBytes} of JSON into {@code sink} (Dify >= 1.9). */
    public SpecBuilder offloadPayloads(int aboveBytes, PayloadOffload.ObjectSink sink) {
        offload = new PayloadOffload(aboveBytes, sink);
        return this;
    }

    /** Whether messages get feedback and annotations (on by default). */
    public SpecBuilder feedback(boolean value) {
        feedback = value;
        return this;
    }

    public Spec build() {
        return new Spec(seed, tenants, workflowAppsPerTenant, runsPerApp, nodesPerRun, endUsersPerApp,
                singleStepNodesPerApp, chatAppsPerTenant, completionAppsPerTenant, agentAppsPerTenant,
                chatflowAppsPerTenant, conversationsPerApp, messagesPerConversation, start, span, failedFraction, stoppedFraction, partialSucceededFraction,
                runningFraction, pausedFraction, debuggingFraction, nodeFailedFraction, payloadBytes,
                recordRuns, offload, feedback);
    }
}
