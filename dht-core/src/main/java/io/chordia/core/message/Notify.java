package io.chordia.core.message;

/**
 * Chord: "I may be your predecessor". The sender (on the envelope) only proposes; the receiver
 * decides (Zave's rectify). Answered by {@link Ack}.
 */
public record Notify() implements Request<Ack> {
    @Override
    public Class<Ack> responseType() {
        return Ack.class;
    }
}
