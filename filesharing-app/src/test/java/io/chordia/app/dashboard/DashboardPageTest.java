package io.chordia.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardPageTest {
    @Test
    void onlyOurLoopbackNamesWithOurPortPass() {
        assertThat(DashboardPage.hostAllowed("127.0.0.1:4242", 4242)).isTrue();
        assertThat(DashboardPage.hostAllowed("localhost:4242", 4242)).isTrue();

        assertThat(DashboardPage.hostAllowed("attacker.example:4242", 4242)).as("a rebound name").isFalse();
        assertThat(DashboardPage.hostAllowed("127.0.0.1:4243", 4242)).as("another port").isFalse();
        assertThat(DashboardPage.hostAllowed("127.0.0.1", 4242)).as("no port").isFalse();
        assertThat(DashboardPage.hostAllowed("localhost.attacker.example:4242", 4242)).isFalse();
        assertThat(DashboardPage.hostAllowed(null, 4242)).as("no Host header").isFalse();
    }

    @Test
    void thePageLoadsItsOwnScriptAndStyleAndNothingInline() throws Exception {
        String html;
        try (var in = DashboardPage.class.getResourceAsStream("index.html")) {
            html = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(html).contains("src=\"/dashboard.js\"").contains("href=\"/dashboard.css\"")
                .doesNotContain("<script>").doesNotContain("style=").doesNotContain("http://").doesNotContain("https://");
        assertThat(DashboardPage.serves("/")).isTrue();
        assertThat(DashboardPage.serves("/dashboard.js")).isTrue();
        assertThat(DashboardPage.serves("/../secret")).isFalse();
    }
}
