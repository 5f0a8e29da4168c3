package io.chordia.core.message;

/** Chord: who are your predecessor(s) and your successor list? Answered by {@link Neighbors}. */
public record GetNeighbors() implements Request<Neighbors> {
    @Override
    public Class<Neighbors> responseType() {
        return Neighbors.class;
    }
}
