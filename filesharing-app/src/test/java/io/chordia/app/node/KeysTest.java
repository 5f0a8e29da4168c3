package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.UserFacingException;
import io.chordia.core.id.NodeId;
import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void fortyHexDigitsAreTheIdItselfInEitherCase() {
        String hex = "2dd90ee7b56567560ac426f27e03305f66eebece";
        assertThat(Keys.parse(hex)).isEqualTo(NodeId.fromHex(hex));
        assertThat(Keys.parse(hex.toUpperCase())).isEqualTo(NodeId.fromHex(hex));
    }

    @Test
    void anyOtherTextIsHashedWithSha1() {
        assertThat(Keys.parse("alice.txt")).isEqualTo(NodeId.sha1Of("alice.txt"));
        // 39 hex digits are text, not an id.
        assertThat(Keys.parse("2dd90ee7b56567560ac426f27e03305f66eebec"))
                .isEqualTo(NodeId.sha1Of("2dd90ee7b56567560ac426f27e03305f66eebec"));
        assertThat(Keys.parse("héllo wörld")).isEqualTo(NodeId.sha1Of("héllo wörld"));
    }

    @Test
    void emptyOverlongAndControlCharacterKeysAreMalformed() {
        assertThatThrownBy(() -> Keys.parse("")).isInstanceOf(UserFacingException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Keys.parse("x".repeat(Keys.MAX_KEY_BYTES + 1)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("more than");
        assertThatThrownBy(() -> Keys.parse("a\nb")).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("control character");
        assertThat(Keys.parse("x".repeat(Keys.MAX_KEY_BYTES))).isNotNull();
    }
}
