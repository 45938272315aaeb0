package dev.emrsessionstarter.core.config;

import dev.emrsessionstarter.core.reading.Allowlist;
import dev.emrsessionstarter.core.reading.RequestPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emrsessionstarter.core.watching.WatchPolicy;
import dev.emrsessionstarter.testing.TestSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final String WATCH_QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/watch";

    @Test
    void defaults_apply_where_settings_are_absent() {
        Settings settings = Settings.fromEnvironment(Map.of(
                Settings.ALLOWED_APPLICATION_IDS, "*", Settings.ALLOWED_EXECUTION_ROLE_ARNS, "*",
                Settings.WATCH_QUEUE_URL, WATCH_QUEUE), Settings.QueueTrigger.NOT_USED);
        assertThat(settings.eventBusName()).isEqualTo("default");
        assertThat(settings.eventSource()).isEqualTo("emr-session-starter");
        assertThat(settings.maxRequestBytes()).isEqualTo(262_144);
        assertThat(settings.startSessionConcurrency()).isEqualTo(10);
        assertThat(settings.maxReceiveCount()).isNull();
        assertThat(settings.readinessWatch()).isTrue();
        assertThat(settings.watchPolicy()).isEqualTo(new WatchPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofMinutes(30), false));
    }

    @Test
    void the_watch_needs_its_queue_and_sane_timings() {
        assertThatThrownBy(() -> TestSettings.sample()
                .with(Settings.READINESS_WATCH, "yes")
                .with(Settings.READINESS_FIRST_CHECK_SECONDS, "120")
                .with(Settings.READINESS_MAX_CHECK_SECONDS, "901")
                .with(Settings.READINESS_TIMEOUT_MINUTES, "0")
                .with(Settings.TERMINATE_UNREADY_SESSIONS, "1")
                .with(Settings.WATCH_QUEUE_URL, "watch-queue").build())
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("READINESS_WATCH must be true or false")
                .hasMessageContaining("READINESS_MAX_CHECK_SECONDS must be an integer from 1 to 900")
                .hasMessageContaining("READINESS_TIMEOUT_MINUTES must be an integer from 1 to 1440")
                .hasMessageContaining("TERMINATE_UNREADY_SESSIONS must be true or false")
                .hasMessageContaining("WATCH_QUEUE_URL must be a queue URL");
        assertThatThrownBy(() -> TestSettings.sample().with(Settings.READINESS_WATCH, "true").build())
                .hasMessageContaining("WATCH_QUEUE_URL is required while READINESS_WATCH is on");
        assertThatThrownBy(() -> TestSettings.sample().with(Settings.WATCH_QUEUE_URL, WATCH_QUEUE)
                .with(Settings.READINESS_FIRST_CHECK_SECONDS, "90").with(Settings.READINESS_MAX_CHECK_SECONDS, "60")
                .build()).hasMessageContaining("READINESS_FIRST_CHECK_SECONDS must not exceed");
    }

    @Test
    void checks_back_off_from_the_first_to_the_longest() {
        WatchPolicy policy = new WatchPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(30),
                false);
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(policy::delayBefore).map(Duration::toSeconds))
                .containsExactly(10L, 20L, 40L, 60L, 60L);
    }

    @Test
    void every_bad_setting_is_named_at_once() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(
                Settings.DEFAULT_APPLICATION_ID, "Not-An-Id",
                Settings.DEFAULT_IDLE_TIMEOUT_MINUTES, "soon",
                Settings.MAX_REQUEST_BYTES, "99999999",
                Settings.START_SESSION_CONCURRENCY, "0"), Settings.QueueTrigger.REQUIRED))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("DEFAULT_APPLICATION_ID must match ^[0-9a-z]+$")
                .hasMessageContaining("DEFAULT_IDLE_TIMEOUT_MINUTES must be an integer from 0 to 1000000")
                .hasMessageContaining("MAX_REQUEST_BYTES must be an integer from 1024 to 1048576")
                .hasMessageContaining("START_SESSION_CONCURRENCY must be an integer from 1 to 100")
                .hasMessageContaining("ALLOWED_EXECUTION_ROLE_ARNS is required")
                .hasMessageContaining("MAX_RECEIVE_COUNT is required");
    }

    @Test
    void an_allowlist_is_required_unless_a_default_stands_in_for_it() {
        Settings settings = Settings.fromEnvironment(Map.of(
                Settings.DEFAULT_APPLICATION_ID, "00fkabc123xyz",
                Settings.DEFAULT_EXECUTION_ROLE_ARN, TestSettings.ROLE_ARN, Settings.READINESS_WATCH, "false"),
                Settings.QueueTrigger.NOT_USED);
        RequestPolicy policy = settings.requestPolicy();
        assertThat(policy.allowedApplicationIds().entries()).containsExactly("00fkabc123xyz");
        assertThat(policy.allowedExecutionRoleArns().allows(TestSettings.ROLE_ARN)).isTrue();
        assertThat(policy.allowedExecutionRoleArns().allows("arn:aws:iam::123456789012:role/Other")).isFalse();
    }

    @Test
    void a_default_outside_its_allowlist_is_refused() {
        assertThatThrownBy(() -> TestSettings.sample()
                .with(Settings.DEFAULT_EXECUTION_ROLE_ARN, "arn:aws:iam::123456789012:role/Admin").build())
                .hasMessageContaining("DEFAULT_EXECUTION_ROLE_ARN is not allowed by ALLOWED_EXECUTION_ROLE_ARNS");
    }

    @Test
    void an_allowlist_of_only_commas_is_refused() {
        assertThatThrownBy(() -> TestSettings.sample().with(Settings.ALLOWED_APPLICATION_IDS, " , ,").build())
                .hasMessageContaining("ALLOWED_APPLICATION_IDS lists no values");
    }

    @Test
    void allowlists_trim_items_and_match_wildcards_across_slashes() {
        Allowlist allowlist = Allowlist.parse(" arn:aws:iam::1:role/emr-* , exact ");
        assertThat(allowlist.allows("exact")).isTrue();
        assertThat(allowlist.allows(" exact")).isFalse();
        assertThat(allowlist.allows("arn:aws:iam::1:role/emr-a/b")).isTrue();
        assertThat(allowlist.allows("arn:aws:iam::1:role/EMR-a")).isFalse();
        assertThat(Allowlist.parse("a.b").allows("aXb")).as("dots are literal").isFalse();
        assertThat(Allowlist.parse("*").allows("")).isTrue();
    }
}
