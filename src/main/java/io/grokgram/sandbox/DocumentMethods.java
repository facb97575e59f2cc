package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Optional;

/**
 * sendDocument with a file uploaded as multipart/form-data, the only way Telegram takes a new file: the bytes, the
 * part's file name, an optional caption (0–1024 characters after entity parsing), a topic, a reply and an inline
 * keyboard, checked in the same order and with the same texts as sendMessage. Re-sending by file_id or URL is not
 * emulated: such a document is refused as Telegram refuses an unknown one. What was uploaded is kept for tests
 * ({@link BotApiEmulator#documents}).
 */
final class DocumentMethods {
    /** Bot API limit for files bots upload through api.telegram.org. */
    static final long MAX_UPLOAD_BYTES = 50L * 1024 * 1024;

    private static final int MAX_CAPTION_LENGTH = 1024;
    private static final String ATTACH = "attach://";

    private final SandboxContext context;

    DocumentMethods(SandboxContext context) {
        this.context = context;
    }

    JsonNode sendDocument(BotState bot, Params params) {
        Params.Upload file = upload(params);
        ParsedText caption =
                MessageText.parse(params.arg("caption"), params.arg("parse_mode"), params.arg("caption_entities"));
        ReplyMarkups.Markup markup = ReplyMarkups.parse(params.arg("reply_markup"));
        ReplyTo replyTo = ReplyTo.parse(params);
        bot.lock.lock();
        try {
            ChatState chat = context.chat(bot, params.arg("chat_id"));
            MessageText.Final text = MessageText.finish(caption, true, true);
            if (text.text().length() > MAX_CAPTION_LENGTH) {
                throw BotApiException.badRequest("message caption is too long");
            }
            ChatMessage stored = BotSends.store(
                    context,
                    bot,
                    chat,
                    params,
                    text,
                    markup,
                    markup.check(),
                    replyTo,
                    ChatMessage.Content.DOCUMENT,
                    () -> Optional.of(document(file)));
            bot.documents
                    .computeIfAbsent(chat.id, id -> new ArrayList<>())
                    .add(new SentDocument(
                            chat.id,
                            stored.messageId(),
                            file.fileName(),
                            file.content(),
                            text.text().isEmpty() ? Optional.empty() : Optional.of(text.text())));
            String shown = text.text().isEmpty() ? "[" + file.fileName() + "]" : text.text();
            context.record(
                    bot, chat, BotEvent.Kind.SENT, stored.messageId(), 0, shown, text.entities(), stored.replyMarkup());
            return context.wire.message(bot, chat, stored);
        } finally {
            bot.lock.unlock();
        }
    }

    /**
     * The uploaded file, checked before anything else as the Bot API server does when it reads the request: the part
     * named {@code document}, or the part that {@code document=attach://<name>} points to (Client.cpp {@code
     * get_input_file}; the telegrambots library uploads that way).
     */
    private static Params.Upload upload(Params params) {
        String named = params.arg("document");
        Optional<Params.Upload> file =
                named.startsWith(ATTACH) ? params.file(named.substring(ATTACH.length())) : params.file("document");
        if (file.isEmpty()) {
            if (params.arg("document").isEmpty()) {
                throw BotApiException.badRequest("there is no document in the request");
            }
            throw BotApiException.badRequest("wrong file identifier/HTTP URL specified");
        }
        Params.Upload upload = file.get();
        if (upload.content().length == 0) {
            throw BotApiException.badRequest("file must be non-empty");
        }
        if (upload.content().length > MAX_UPLOAD_BYTES) {
            throw BotApiException.badRequest("file is too big");
        }
        String name = upload.fileName().isBlank() ? "document" : upload.fileName();
        return new Params.Upload(name, upload.contentType(), upload.content());
    }

    /** The Document object Telegram returns: ids, the file name, a MIME type (guessed from the name if not given). */
    private ObjectNode document(Params.Upload file) {
        ObjectNode document = Json.object();
        document.put("file_name", file.fileName());
        String type = file.contentType().isBlank() || file.contentType().equals("application/octet-stream")
                ? Optional.ofNullable(URLConnection.guessContentTypeFromName(file.fileName()))
                        .orElse("application/octet-stream")
                : file.contentType();
        document.put("mime_type", type);
        document.put("file_id", context.fileId("BQACAgIAAxkBAAI"));
        document.put("file_unique_id", context.fileId("AgAD").substring(0, 16));
        document.put("file_size", file.content().length);
        return document;
    }
}
