package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The rules every {@link FormattedText} we hand to Telegram must keep, shared by the unit and property tests. */
final class EntityInvariants {

    private static final Set<Entity.Type> MONOSPACE = EnumSet.of(Entity.Type.CODE, Entity.Type.PRE);
    private static final Set<Entity.Type> QUOTES =
            EnumSet.of(Entity.Type.BLOCKQUOTE, Entity.Type.EXPANDABLE_BLOCKQUOTE);

    private EntityInvariants() {}

    static void assertPart(FormattedText part, int limit) {
        assertThat(part.text()).as("part text").isNotBlank();
        assertThat(part.length()).as("part length of %s", part.text()).isLessThanOrEqualTo(limit);
        assertThat(splitsPair(part.text(), 0)
                        || Character.isLowSurrogate(part.text().charAt(0)))
                .as("%s starts inside a surrogate pair", part.text())
                .isFalse();
        assertThat(Character.isHighSurrogate(part.text().charAt(part.length() - 1)))
                .as("%s ends inside a surrogate pair", part.text())
                .isFalse();
        assertValid(part);
    }

    static void assertValid(FormattedText formatted) {
        String text = formatted.text();
        assertThat(text).as("no surrounding whitespace").isEqualTo(text.strip());
        List<Entity> entities = formatted.entities();
        for (int i = 0; i < entities.size(); i++) {
            Entity entity = entities.get(i);
            assertThat(entity.length()).as("length of %s", entity).isPositive();
            assertThat(entity.end()).as("end of %s", entity).isLessThanOrEqualTo(text.length());
            assertThat(splitsPair(text, entity.offset()))
                    .as("%s starts inside a surrogate pair", entity)
                    .isFalse();
            assertThat(splitsPair(text, entity.end()))
                    .as("%s ends inside a surrogate pair", entity)
                    .isFalse();
            if (i > 0) {
                Entity previous = entities.get(i - 1);
                boolean ordered = previous.offset() < entity.offset()
                        || (previous.offset() == entity.offset() && previous.length() >= entity.length());
                assertThat(ordered).as("%s sorted before %s", previous, entity).isTrue();
            }
            for (int j = i + 1; j < entities.size(); j++) {
                assertAllowedPair(entity, entities.get(j));
            }
        }
    }

    private static void assertAllowedPair(Entity a, Entity b) {
        if (!overlap(a, b)) {
            return;
        }
        assertThat(contains(a, b) || contains(b, a)).as("%s and %s nest", a, b).isTrue();
        assertThat(QUOTES.contains(a.type()) && QUOTES.contains(b.type()))
                .as("blockquote %s inside blockquote %s", a, b)
                .isFalse();
        assertThat(a.type() == Entity.Type.TEXT_LINK && b.type() == Entity.Type.TEXT_LINK)
                .as("link %s inside link %s", a, b)
                .isFalse();
        assertNothingInside(a, b);
        assertNothingInside(b, a);
    }

    /** Only an entity that wraps a code or pre entity may share characters with it, and never another link. */
    private static void assertNothingInside(Entity monospace, Entity other) {
        if (!MONOSPACE.contains(monospace.type())) {
            return;
        }
        assertThat(contains(other, monospace) && !MONOSPACE.contains(other.type()))
                .as("%s inside %s", other, monospace)
                .isTrue();
        assertThat(other.type()).as("code %s inside link %s", monospace, other).isNotEqualTo(Entity.Type.TEXT_LINK);
    }

    private static boolean overlap(Entity a, Entity b) {
        return a.offset() < b.end() && b.offset() < a.end();
    }

    private static boolean contains(Entity outer, Entity inner) {
        return outer.offset() <= inner.offset() && inner.end() <= outer.end();
    }

    private static boolean splitsPair(String text, int index) {
        return index > 0
                && index < text.length()
                && Character.isHighSurrogate(text.charAt(index - 1))
                && Character.isLowSurrogate(text.charAt(index));
    }

    static String withoutWhitespace(String text) {
        StringBuilder kept = new StringBuilder();
        text.chars().filter(c -> !Character.isWhitespace(c)).forEach(c -> kept.append((char) c));
        return kept.toString();
    }
}
