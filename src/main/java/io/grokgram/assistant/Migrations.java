package io.grokgram.assistant;

import io.grokgram.store.Database;
import io.grokgram.telegram.ChatId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group upgraded to a supergroup gets a new id, and calls to the old one fail from then on. Its settings,
 * conversations and chat record move to the new id in one transaction, so the group keeps its assistant as it was.
 * Both the group's service message and a refused send can report the move; the second report finds nothing to move.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private final Database database;
    private final long botId;
    private final Conversations conversations;
    private final GroupSettings groups;
    private final Chats chats;
    private final LanguageChoices languages;

    Migrations(
            Database database,
            long botId,
            Conversations conversations,
            GroupSettings groups,
            Chats chats,
            LanguageChoices languages) {
        this.languages = languages;
        this.database = database;
        this.botId = botId;
        this.conversations = conversations;
        this.groups = groups;
        this.chats = chats;
    }

    void migrate(ChatId from, ChatId to) {
        if (from.equals(to)) {
            return;
        }
        database.useTransaction(tx -> {
            conversations.migrate(tx, botId, from, to);
            groups.migrate(tx, from, to);
            chats.migrate(tx, from, to);
            languages.migrate(tx, from, to);
        });
        log.info("group {} became supergroup {}; its settings and conversations moved along", from, to);
    }
}
