package io.grokgram.app;

import io.grokgram.telegram.WebhookIntake;
import io.grokgram.web.WebhookHandler;
import java.util.Objects;

/**
 * Joins the web room's webhook route to the telegram room's intake. The route is mounted when the HTTP server starts,
 * long before intake exists (intake starts last), yet a webhook set by an earlier run may deliver at once: until
 * {@link #connect} such deliveries fail, and Telegram simply repeats them.
 */
final class WebhookEndpoint implements WebhookHandler {
    private volatile WebhookIntake intake;

    void connect(WebhookIntake intake) {
        this.intake = Objects.requireNonNull(intake, "intake");
    }

    @Override
    public void accept(String updateJson) {
        WebhookIntake connected = intake;
        if (connected == null) {
            throw new IllegalStateException("intake has not started yet; Telegram will deliver the update again");
        }
        connected.accept(updateJson);
    }
}
