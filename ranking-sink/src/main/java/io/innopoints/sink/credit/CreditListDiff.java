package io.innopoints.sink.credit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between a programme's list as last announced and its plan now: the enterprises that left (in
 * credit-code order) then those that entered (in list order). Pure; replaying the same state yields nothing, which is
 * what makes the published changes idempotent across restarts and input replays.
 */
public final class CreditListDiff {
    private CreditListDiff() {
    }

    /** One entry or exit; {@code entry} is the enterprise's live ranking entry, null when it is no longer ranked. */
    public record Change(boolean entered, String creditCode, RankedEntry entry) {
    }

    /**
     * @param announced the credit codes on the list as last announced
     * @param plan      the plan now
     * @param ranked    every live entry of the programme's zone by credit code (details of those that left)
     */
    public static List<Change> diff(Set<String> announced, CreditPlan plan, Map<String, RankedEntry> ranked) {
        Set<String> now = new HashSet<>();
        plan.grants().forEach(g -> now.add(g.entry().creditCode()));
        List<Change> out = new ArrayList<>();
        for (String code : new TreeSet<>(announced)) {
            if (!now.contains(code)) {
                out.add(new Change(false, code, ranked.get(code)));
            }
        }
        for (CreditPlan.Grant g : plan.grants()) {
            if (!announced.contains(g.entry().creditCode())) {
                out.add(new Change(true, g.entry().creditCode(), g.entry()));
            }
        }
        return out;
    }
}
