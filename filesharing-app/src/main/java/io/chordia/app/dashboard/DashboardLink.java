package io.chordia.app.dashboard;

/**
 * The login link a node prints: the control secret rides in the fragment, which a browser never
 * sends to a server, so it stays out of request lines, access logs and Referer headers; the page
 * moves it to sessionStorage and clears it from the address bar.
 */
public final class DashboardLink {
    private DashboardLink() {}

    public static String of(int controlPort, String secret) {
        return "http://127.0.0.1:" + controlPort + "/#secret=" + secret;
    }
}
