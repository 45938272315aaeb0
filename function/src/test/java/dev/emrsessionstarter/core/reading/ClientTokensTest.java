package dev.emrsessionstarter.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ClientTokensTest {

    private static final Pattern API_PATTERN = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

    @Property
    void same_identity_and_application_give_the_same_token(@ForAll("identities") String identity,
            @ForAll @StringLength(min = 1, max = 64) @AlphaChars @NumericChars String applicationId) {
        assertThat(ClientTokens.derive(identity, applicationId))
                .isEqualTo(ClientTokens.derive(new String(identity.toCharArray()), new String(applicationId)));
    }

    @Property
    void any_identity_gives_a_token_the_api_accepts(@ForAll("identities") String identity) {
        assertThat(ClientTokens.derive(identity, "00fkabc123xyz")).matches(API_PATTERN);
    }

    @Property
    void the_same_identity_on_another_application_gives_another_token(@ForAll("identities") String identity) {
        assertThat(ClientTokens.derive(identity, "app1")).isNotEqualTo(ClientTokens.derive(identity, "app2"));
    }

    @Test
    void edge_identities_give_tokens_the_api_accepts() {
        String hundredKilobytes = "x".repeat(100 * 1024);
        String controls = "\u0000\u0001\n\r\t\u007f\u001b[31m";
        String nonAscii = "ключ-идемпотентности-😀-鍵";
        String loneSurrogates = "\ud800abc\udc00";
        for (String identity : new String[] {"", hundredKilobytes, controls, nonAscii, loneSurrogates}) {
            assertThat(ClientTokens.derive(identity, "00fkabc123xyz")).matches(API_PATTERN);
        }
    }

    @Test
    void tokens_are_stable_across_releases() {
        // A changed derivation would start a second session for every request in flight during a deployment.
        assertThat(ClientTokens.derive("059f36b4-87a3-44ab-83d2-661975830a7d", "00fkabc123xyz"))
                .isEqualTo(ClientTokens.derive("059f36b4-87a3-44ab-83d2-661975830a7d", "00fkabc123xyz"))
                .startsWith(ClientTokens.PREFIX)
                .hasSize(48)
                .isEqualTo("ess1-" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        sha256("00fkabc123xyz\n059f36b4-87a3-44ab-83d2-661975830a7d")));
    }

    @Test
    void lone_surrogates_do_not_collide_with_their_replacement_character() {
        // String.getBytes(UTF_8) would turn both into "?".
        assertThat(ClientTokens.derive("\ud800", "app")).isNotEqualTo(ClientTokens.derive("?", "app"));
        assertThat(ClientTokens.derive("\ud800", "app")).isNotEqualTo(ClientTokens.derive("\udc00", "app"));
    }

    @Test
    void a_million_distinct_identities_give_a_million_distinct_tokens() {
        SplittableRandom random = new SplittableRandom(20261124L);
        Set<String> identities = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        while (identities.size() < 1_000_000) {
            // Near neighbours (sequential ids) and random ones, short and long.
            String identity = identities.size() % 2 == 0
                    ? "message-" + identities.size()
                    : Long.toHexString(random.nextLong()) + ":" + random.nextInt(1000);
            if (identities.add(identity)) {
                tokens.add(ClientTokens.derive(identity, "00fkabc123xyz"));
            }
        }
        assertThat(tokens).hasSize(1_000_000);
    }

    @Provide
    Arbitrary<String> identities() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(200),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(50),
                Arbitraries.strings().withCharRange('\ud800', '\udfff').ofMaxLength(20),
                Arbitraries.strings().ascii().ofMinLength(2000).ofMaxLength(20_000),
                Arbitraries.just(""));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
