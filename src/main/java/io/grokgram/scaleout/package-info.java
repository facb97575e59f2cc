/**
 * Scale-out over Kafka: the ingress writes every update that may trigger something to the topic {@value
 * io.grokgram.scaleout.UpdateTopic#NAME}, keyed by chat (and forum topic) so one chat's updates keep their order in one
 * partition; workers in one consumer group feed the records to the assistant's intake, whose inbox (keyed by update
 * id) turns a redelivered record into a no-op, and tell it which chats are theirs as partitions move. Also the polling
 * lease (the {@code intake_lease} table), so one ingress at a time long-polls. The only package that sees the Kafka
 * client; it knows the telegram room's intake types and the store, and nothing of the assistant.
 */
package io.grokgram.scaleout;
