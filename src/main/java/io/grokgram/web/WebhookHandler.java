package io.grokgram.web;

/** Where the {@link WebhookModule} hands each update Telegram posts: the web room's own port, wired by {@code app}. */
@FunctionalInterface
public interface WebhookHandler {
    /**
     * Takes one update's body exactly as posted. Returns only once the update is safely kept (the endpoint's 200 then
     * confirms it to Telegram); throws when it is not, and the endpoint answers 500 so Telegram delivers it again.
     */
    void accept(String updateJson);
}
