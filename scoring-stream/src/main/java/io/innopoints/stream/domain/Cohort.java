package io.innopoints.stream.domain;

/** A ranking cohort of a rank task: its id, the scope and scope value it groups by, and its stage. */
record Cohort(String id, String scope, String scopeValue, String stage) {
}
