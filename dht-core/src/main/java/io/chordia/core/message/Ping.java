package io.chordia.core.message;

/** Are you alive? Answered by {@link Pong}. */
public record Ping() implements Request<Pong> {
    @Override
    public Class<Pong> responseType() {
        return Pong.class;
    }
}
