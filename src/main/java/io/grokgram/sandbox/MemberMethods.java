package io.grokgram.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code getChatMember}: what a bot asks to learn whether someone may change its settings in a group. The creator is
 * {@code creator}, other admins {@code administrator}, members {@code member}, anyone else {@code left}; in a private
 * chat the user is a {@code member}.
 */
final class MemberMethods {
    private final SandboxContext context;

    MemberMethods(SandboxContext context) {
        this.context = context;
    }

    ObjectNode getChatMember(BotState bot, Params params) {
        ChatState chat = context.chat(bot, params.arg("chat_id"));
        long userId = params.longArg("user_id");
        if (userId <= 0) {
            throw BotApiException.badRequest("invalid user_id specified");
        }
        String status;
        if (!chat.group) {
            if (chat.id != userId && userId != bot.id) {
                throw BotApiException.badRequest("user not found");
            }
            status = "member";
        } else if (chat.admins.stream()
                .findFirst()
                .map(first -> first == userId)
                .orElse(false)) {
            status = "creator";
        } else if (chat.admins.contains(userId)) {
            status = "administrator";
        } else if (chat.members.contains(userId)) {
            status = "member";
        } else {
            status = "left";
        }
        ObjectNode member = Json.object();
        member.put("status", status);
        member.set("user", userId == bot.id ? Wire.bot(bot, false) : context.wire.user(userId));
        if (status.equals("creator")) {
            member.put("is_anonymous", false);
        }
        if (status.equals("administrator")) {
            member.put("can_be_edited", false);
            member.put("is_anonymous", false);
            member.put("can_manage_chat", true);
            member.put("can_delete_messages", true);
            member.put("can_manage_video_chats", true);
            member.put("can_restrict_members", true);
            member.put("can_promote_members", false);
            member.put("can_change_info", true);
            member.put("can_invite_users", true);
            member.put("can_post_stories", false);
            member.put("can_edit_stories", false);
            member.put("can_delete_stories", false);
        }
        if (status.equals("member")) {
            member.put("until_date", 0);
        }
        return member;
    }
}
