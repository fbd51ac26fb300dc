package dev.difyweave.demo.generator;

import java.util.List;
import java.util.UUID;

import dev.difyweave.demo.generator.ChatflowRunSimulator.Chatflow;
import dev.difyweave.demo.generator.EndUsers.EndUser;
import dev.difyweave.demo.generator.WorkflowPlan.LlmModel;

/**
 * One conversational app being generated: an easy-UI app ({@code chat}, {@code completion},
 * {@code agent-chat}) with two configurations, {@code original} used by conversations before
 * {@code switchIndex} and {@code current} after, or a chatflow ({@code advanced-chat}).
 */
record ChatApp(GeneratedTenant tenant, UUID id, String mode, String name, LlmModel model, ChatAppSettings original,
               ChatAppSettings current, int switchIndex, KnowledgeBase knowledge, List<EndUser> endUsers,
               Chatflow chatflow, String openingStatement) {

    boolean easyUi() {
        return chatflow == null;
    }

    ChatAppSettings settings(int conversation) {
        return conversation < switchIndex ? original : current;
    }

    /** {@code pre_prompt}: the app's instructions, with {@code {{variables}}} for the conversation's inputs. */
    String prePrompt() {
        return prePrompt(mode, name);
    }

    static String prePrompt(String mode, String name) {
        return mode.equals("completion")
                ? "Draft a reply to this customer request in a {{tone}} tone:\n\n{{query}}"
                : "You are the friendly assistant of " + name + ". Answer in {{language}} and keep it short; the "
                        + "customer is on the {{customer_tier}} plan.";
    }
}
