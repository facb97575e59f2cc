package io.grokgram.billing;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The configured plans: one free plan, one paid plan (a Stars subscription every 30 days) and the packs of extra turns.
 * Prices and limits are configuration, never constants.
 */
public final class Plans {
    private final Plan free;
    private final Plan premium;
    private final List<TurnPack> packs;

    public Plans(Plan free, Plan premium, List<TurnPack> packs) {
        this.free = Objects.requireNonNull(free, "free");
        this.premium = Objects.requireNonNull(premium, "premium");
        this.packs = List.copyOf(packs);
        if (!free.free()) {
            throw new IllegalArgumentException("the free plan " + free.id() + " must cost 0 Stars");
        }
        if (premium.free()) {
            throw new IllegalArgumentException("the paid plan " + premium.id() + " must cost at least 1 Star");
        }
        Set<String> ids = new HashSet<>();
        Stream.concat(Stream.of(free.id(), premium.id()), this.packs.stream().map(TurnPack::id))
                .forEach(id -> {
                    if (!ids.add(id)) {
                        throw new IllegalArgumentException("two plans or packs are named " + id);
                    }
                });
    }

    /**
     * The documented defaults: Free — 20 turns a day, 16 000 context and 1 500 output tokens; Premium — 250 Stars per
     * 30 days, 500 turns a day, 128 000 context and 8 000 output tokens; {@code pack100} — 100 turns for 100 Stars.
     * Both plans use {@code model}.
     */
    public static Plans defaults(String model) {
        return new Plans(
                new Plan("free", "Free", model, 20, 16_000, 1_500, 0, Set.of(), 0),
                new Plan("premium", "Premium", model, 500, 128_000, 8_000, 250, Set.of(), 0),
                List.of(new TurnPack("pack100", 100, 100)));
    }

    public Plan free() {
        return free;
    }

    public Plan premium() {
        return premium;
    }

    public Optional<Plan> byId(String id) {
        if (free.id().equals(id)) {
            return Optional.of(free);
        }
        return premium.id().equals(id) ? Optional.of(premium) : Optional.empty();
    }

    public List<TurnPack> packs() {
        return packs;
    }

    public Optional<TurnPack> pack(String id) {
        return packs.stream().filter(pack -> pack.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return "Plans[free=" + free + ", premium=" + premium + ", packs=" + packs + "]";
    }
}
