package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseLabelTest {

    @ParameterizedTest
    @CsvSource({
        "emr-7.13.0, true", "emr-7.13.1, true", "emr-7.14.0, true", "emr-8.0.0-latest, true", "emr-10.0, true",
        "emr-7.2.0, false", "emr-7.12.9, false", "emr-6.15.0, false", "emr-7.1.0-latest, false",
        "7.13.0, false", "emr-latest, false", "'', false"})
    void compares_releases_numerically(String label, boolean supportsSessions) {
        boolean actual = ReleaseLabel.parse(label)
                .map(version -> version.isAtLeast(ReleaseLabel.FIRST_WITH_SESSIONS)).orElse(false);

        assertThat(actual).isEqualTo(supportsSessions);
    }
}
