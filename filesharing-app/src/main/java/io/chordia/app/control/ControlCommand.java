package io.chordia.app.control;

/**
 * One verb of the control channel ({@code put}, {@code get}, {@code status}, later {@code share},
 * {@code fetch}): a request record in, a result record out, both JSON on the wire.
 *
 * @param <Q> the request type (a record Jackson can read)
 * @param <A> the result type (a record Jackson can write)
 */
public interface ControlCommand<Q, A> {
    /** The verb: the request path is {@code /v1/<name>}. Lower case letters and dashes. */
    String name();

    Class<Q> requestType();

    /**
     * Runs the command on a control thread (it may block, with a timeout). Throw
     * {@link io.chordia.app.UserFacingException} for an answer the user can act on; anything
     * else is reported as an internal error.
     *
     * @param progress sends updates ahead of the result: for long-running commands such as a fetch
     */
    A handle(Q request, Progress progress) throws Exception;

    /** Updates a command sends before its result; each becomes one JSON line on the wire. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = update -> { };

        void report(Object update);
    }
}
