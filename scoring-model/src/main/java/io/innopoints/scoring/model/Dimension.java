package io.innopoints.scoring.model;

/** A first-level indicator category (dimension) of a model; its subtotal is the sum of its indicators' points. */
public record Dimension(int index, String id, Names names) {
}
