package io.chordia.app.lab;

/**
 * This machine cannot host the lab (not root, no iproute2, no TUN device, no python3). The
 * message is one line saying why: the lab's tests fail with it, they never skip.
 */
public final class LabUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    LabUnavailableException(String why, Throwable cause) {
        super("multi-host lab unavailable: " + SystemCommands.oneLine(why), cause);
    }
}
