package dev.emrsessionstarter.core.starting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emrsessionstarter.core.reading.RuntimeConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void a_value_is_masked_wherever_it_appears_whole() {
        SecretScrubber scrubber = SecretScrubber.forValues(List.of(SECRET));

        assertThat(scrubber.scrub("Invalid value " + SECRET + " for fs.s3a.secret.key (" + SECRET + ")"))
                .isEqualTo("Invalid value **** for fs.s3a.secret.key (****)");
    }

    @Test
    void a_piece_of_a_long_value_is_masked_too_as_when_a_service_cuts_it_short() {
        SecretScrubber scrubber = SecretScrubber.forValues(List.of(SECRET));

        assertThat(scrubber.scrub("value '" + SECRET.substring(0, 20) + "...' refused"))
                .isEqualTo("value '****...' refused");
        assertThat(scrubber.scrub("tail " + SECRET.substring(SECRET.length() - SecretScrubber.PIECE)))
                .isEqualTo("tail ****");
    }

    @Test
    void text_sharing_fewer_than_a_pieces_characters_with_a_value_is_left_alone() {
        SecretScrubber scrubber = SecretScrubber.forValues(List.of(SECRET));
        String almost = SECRET.substring(0, SecretScrubber.PIECE - 1);

        assertThat(scrubber.scrub("starts " + almost + " only")).isEqualTo("starts " + almost + " only");
    }

    @Test
    void nested_configuration_values_are_collected_and_short_ones_left_alone() {
        RuntimeConfiguration nested = new RuntimeConfiguration("export", Map.of("TOKEN", "nested-secret-1"), null);
        RuntimeConfiguration top = new RuntimeConfiguration("spark-defaults",
                Map.of("spark.executor.memory", "4g", "key", SECRET), List.of(nested));
        SecretScrubber scrubber = SecretScrubber.forConfigurations(List.of(top));

        assertThat(scrubber.scrub("4g, nested-secret-1 and " + SECRET)).isEqualTo("4g, **** and ****");
    }

    @Test
    void foreign_text_is_cut_to_the_models_length() {
        assertThat(SecretScrubber.nothing().scrub("x".repeat(2000))).hasSize(SecretScrubber.MAX_MESSAGE_LENGTH);
        assertThat(SecretScrubber.forValues(List.of()).scrub(null)).isNull();
    }
}
