package io.chordia.app.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.id.NodeId;
import org.junit.jupiter.api.Test;

class LinkTest {
    private final ContentId id = new ContentId(NodeId.sha1Of("content"));

    @Test
    void aLinkRoundTripsThroughItsText() {
        Link link = new Link(id, "holiday photos & été.tar", 123_456_789L);
        String text = link.toString();
        assertThat(text).startsWith("chordia:" + id.toHex() + "?name=").doesNotContain(" ").endsWith("&size=123456789");
        assertThat(Link.parse(text)).isEqualTo(link);
        assertThat(Link.parse("  " + text.replace("chordia:", "CHORDIA:") + "\n")).isEqualTo(link);
    }

    @Test
    void badLinksGetAClearMessage() {
        String hex = id.toHex();
        assertThatThrownBy(() -> Link.parse("")).isInstanceOf(LinkFormatException.class).hasMessage("the link is empty");
        assertThatThrownBy(() -> Link.parse("magnet:?xt=urn:btih:" + hex)).hasMessageContaining("starts with 'chordia:'");
        assertThatThrownBy(() -> Link.parse("chordia:abc?name=x&size=1")).hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> Link.parse("chordia:" + hex)).hasMessageContaining("no '?name=...&size=...'");
        assertThatThrownBy(() -> Link.parse("chordia:" + hex + "?name=x")).hasMessageContaining("needs both name and size");
        assertThatThrownBy(() -> Link.parse("chordia:" + hex + "?name=x&size=-1")).hasMessageContaining("number of bytes");
        assertThatThrownBy(() -> Link.parse("chordia:" + hex + "?name=x&size=99999999999999999999"))
                .isInstanceOf(LinkFormatException.class);
        assertThatThrownBy(() -> Link.parse("chordia:" + hex + "?name=%zz&size=1")).hasMessageContaining("percent-encoded");
        assertThatThrownBy(() -> Link.parse("chordia:" + hex + "?name=..&size=1")).isInstanceOf(LinkFormatException.class)
                .hasMessageContaining("'..'");
        assertThatThrownBy(() -> Link.parse("chordia:" + hex + "?name=a%2Fb&size=1")).hasMessageContaining("'/'");
    }
}
