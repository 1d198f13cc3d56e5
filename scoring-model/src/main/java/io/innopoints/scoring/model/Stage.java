package io.innopoints.scoring.model;

import io.innopoints.scoring.stage.StageRule;

/** A life-cycle stage: id, names and the rule that assigns enterprises to it (the first matching stage wins). */
public record Stage(int index, String id, Names names, StageRule rule) {
}
