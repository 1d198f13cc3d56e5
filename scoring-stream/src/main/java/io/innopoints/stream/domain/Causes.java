package io.innopoints.stream.domain;

import java.util.ArrayList;
import java.util.List;

/** Cause eventIds of a published change: arrival order, each once. */
public final class Causes {
    private Causes() {
    }

    /** {@code first}, then the eventIds of {@code then} not in it. */
    public static List<String> merge(List<String> first, List<String> then) {
        if (first == null || first.isEmpty()) {
            return then == null ? List.of() : then;
        }
        if (then == null || then.isEmpty()) {
            return first;
        }
        List<String> all = new ArrayList<>(first);
        for (String c : then) {
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        return all;
    }
}
