package dev.emrsessionstarter.emulator.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.emulator.time.ManualClock;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** What PutEvents refuses, per entry (a 200 with failed entries) or as a whole call (400), through the SDK client. */
class PutEventsValidationTest {

    private static final String SOURCE = "emr-session-starter";
    private static final String DETAIL_TYPE = "EMR Serverless Session Started";
    private static final String DETAIL = "{\"clientToken\":\"abc\"}";
    private static final int ONE_MB = 1024 * 1024;

    private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
    private EventBridgeEmulator emulator;
    private EventBridgeClient client;

    @BeforeEach
    void start() {
        emulator = EventBridgeEmulator.builder().clock(clock).build().addEventBus("outcomes").start();
        client = SdkClients.eventBridge(emulator.endpoint(), SdkClients.noRetries());
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void an_empty_detail_type_fails_its_entry_in_a_200() {
        PutEventsResponse response = client.putEvents(request -> request.entries(entry().detailType("").build()));

        assertThat(response.failedEntryCount()).isEqualTo(1);
        PutEventsResultEntry result = response.entries().get(0);
        assertThat(result.eventId()).isNull();
        assertThat(result.errorCode()).isEqualTo("InvalidArgument");
        assertThat(result.errorMessage())
                .isEqualTo("Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        assertThat(emulator.events()).isEmpty();
    }

    @Test
    void a_lone_entry_without_source_fails_by_itself_rather_than_the_whole_call() {
        PutEventsResponse response = client.putEvents(request -> request.entries(entry().source(null).build()));

        assertThat(response.failedEntryCount()).isEqualTo(1);
        assertThat(response.entries().get(0).errorCode()).isEqualTo("InvalidArgument");
        assertThat(response.entries().get(0).errorMessage())
                .isEqualTo("Parameter Source is not valid. Reason: Source is a required argument.");
    }

    @Test
    void each_missing_or_empty_required_member_fails_only_its_entry_and_names_the_member() {
        PutEventsResponse response = client.putEvents(request -> request.entries(
                entry().source("").build(),
                entry().detailType(null).build(),
                entry().detail(null).build(),
                entry().detail("").build(),
                entry().build()));

        assertThat(response.failedEntryCount()).isEqualTo(4);
        assertThat(response.entries()).extracting(PutEventsResultEntry::errorMessage).containsExactly(
                "Parameter Source is not valid. Reason: Source is a required argument.",
                "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
                "Parameter Detail is not valid. Reason: Detail is a required argument.",
                "Parameter Detail is not valid. Reason: Detail is a required argument.",
                null);
        assertThat(emulator.events()).hasSize(1);
    }

    @Test
    void a_request_in_which_no_entry_has_all_three_fails_every_entry_in_a_200() {
        PutEventsResponse response = client.putEvents(request -> request.entries(
                entry().detail(null).build(), entry().source(null).build()));

        assertThat(response.failedEntryCount()).isEqualTo(2);
        assertThat(response.entries()).extracting(PutEventsResultEntry::errorCode)
                .containsOnly("InvalidArgument");
    }

    @Test
    void the_number_of_entries_is_one_to_ten() {
        assertValidationError(List.of(), "Member must have length greater than or equal to 1");
        assertValidationError(IntStream.range(0, 11).mapToObj(i -> entry().build()).toList(),
                "Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10");
    }

    @Test
    void an_event_bus_name_breaking_the_model_refuses_the_whole_call() {
        String pattern = "Member must satisfy regular expression pattern: "
                + "(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+";

        assertValidationError(List.of(entry().eventBusName("b".repeat(1601)).build()),
                "Value at 'entries.1.member.eventBusName' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 1600");
        assertValidationError(List.of(entry().build(), entry().eventBusName("").build()),
                "Value at 'entries.2.member.eventBusName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        assertValidationError(List.of(entry().eventBusName("no spaces").build()),
                "Value at 'entries.1.member.eventBusName' failed to satisfy constraint: " + pattern);
        assertValidationError(List.of(entry().eventBusName("aws.partner/saas.com/123/bus").build()),
                "Value at 'entries.1.member.eventBusName' failed to satisfy constraint: " + pattern);
        assertThat(emulator.events()).isEmpty();
    }

    @Test
    void an_event_bus_name_within_the_model_reaches_the_bus() {
        PutEventsResponse response = client.putEvents(request -> request.entries(
                entry().eventBusName("b".repeat(1600)).build(),
                entry().eventBusName("arn:aws:events:us-east-1:123456789012:event-bus/outcomes").build()));

        assertThat(response.entries()).extracting(PutEventsResultEntry::errorMessage)
                .containsExactly("Event bus " + "b".repeat(1600) + " does not exist.", null);
        assertThat(emulator.events("outcomes")).hasSize(1);
    }

    @Test
    void a_resource_over_2048_characters_refuses_the_whole_call() {
        String longest = "arn:aws:s3:::" + "r".repeat(2048 - 13);

        assertValidationError(List.of(entry().resources("ok", longest + "r").build()),
                "Value at 'entries.1.member.resources' failed to satisfy constraint: "
                        + "Member must satisfy constraint: [Member must have length less than or equal to 2048]");
        PutEventsResponse accepted = client.putEvents(request -> request.entries(
                entry().resources(longest, "").build()));

        assertThat(accepted.failedEntryCount()).isZero();
        assertThat(emulator.events()).singleElement().extracting(RecordedEvent::resources)
                .isEqualTo(List.of(longest, ""));
    }

    @Test
    void a_single_entry_above_the_old_256_kb_limit_is_accepted() {
        String detail = detailOfSize(600 * 1024);

        PutEventsResponse response = client.putEvents(request -> request.entries(entry().detail(detail).build()));

        assertThat(response.failedEntryCount()).isZero();
        assertThat(emulator.events()).hasSize(1);
    }

    @Test
    void entries_up_to_1_mb_are_accepted_and_one_byte_more_is_refused() {
        int fixed = SOURCE.length() + DETAIL_TYPE.length() + 14;
        String half = detailOfSize(ONE_MB / 2 - fixed);

        PutEventsResponse atTheLimit = client.putEvents(request -> request.entries(
                entry().detail(half).time(clock.instant()).build(),
                entry().detail(half).time(clock.instant()).build()));
        EventBridgeException overByOne = catchThrowableOfType(EventBridgeException.class,
                () -> client.putEvents(request -> request.entries(
                        entry().detail(half).time(clock.instant()).build(),
                        entry().detail(half).time(clock.instant()).resources("r").build())));

        assertThat(atTheLimit.failedEntryCount()).isZero();
        assertThat(overByOne.statusCode()).isEqualTo(400);
        assertThat(overByOne.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(overByOne.awsErrorDetails().errorMessage())
                .isEqualTo("Total size of the entries in the request is over the limit.");
        assertThat(emulator.events()).hasSize(2);
    }

    @Test
    void bad_entries_fail_one_by_one_in_request_order() {
        PutEventsResponse response = client.putEvents(request -> request.entries(
                entry().build(),
                entry().detail(null).build(),
                entry().source(null).build(),
                entry().detail("not json").build(),
                entry().detail("[1,2]").build(),
                entry().detailType("t".repeat(129)).build(),
                entry().eventBusName("nosuchbus").build(),
                entry().source("aws.emr-serverless").build(),
                entry().build()));

        assertThat(response.failedEntryCount()).isEqualTo(7);
        assertThat(response.entries()).extracting(PutEventsResultEntry::errorCode).containsExactly(
                null, "InvalidArgument", "InvalidArgument", "MalformedDetail", "MalformedDetail", "InvalidArgument",
                "InvalidArgument", "NotAuthorizedForSourceException", null);
        assertThat(emulator.events()).hasSize(2);
    }

    /** A JSON object detail of exactly {@code bytes} UTF-8 bytes. */
    private static String detailOfSize(int bytes) {
        String frame = "{\"p\":\"\"}";
        return "{\"p\":\"" + "x".repeat(bytes - frame.length()) + "\"}";
    }

    private void assertValidationError(List<PutEventsRequestEntry> entries, String expected) {
        EventBridgeException error = catchThrowableOfType(EventBridgeException.class,
                () -> client.putEvents(request -> request.entries(entries)));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(error.awsErrorDetails().errorMessage()).contains(expected);
    }

    private static PutEventsRequestEntry.Builder entry() {
        return PutEventsRequestEntry.builder().source(SOURCE).detailType(DETAIL_TYPE).detail(DETAIL);
    }
}
