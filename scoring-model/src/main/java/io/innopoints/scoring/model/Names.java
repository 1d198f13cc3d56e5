package io.innopoints.scoring.model;

/** A display name in Chinese and English. */
public record Names(String zh, String en) {

    static Names parse(Node owner) {
        Node n = owner.object("names");
        Names names = new Names(n.text("zh"), n.text("en"));
        n.rejectUnknownKeys();
        return names;
    }
}
