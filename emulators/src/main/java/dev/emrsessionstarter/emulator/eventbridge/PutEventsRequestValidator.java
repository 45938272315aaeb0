package dev.emrsessionstarter.emulator.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.emulator.http.ConstraintViolations;
import dev.emrsessionstarter.emulator.http.ServiceError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks that refuse a whole PutEvents call with 400 {@code ValidationException}, against the events model
 * (botocore {@code events/2015-10-07/service-2.json}): 1 to 10 entries; per entry {@code EventBusName}
 * (NonPartnerEventBusNameOrArn: 1-1600 characters and its pattern), each {@code Resources} item (EventResource: at most
 * 2048 characters) and {@code TraceHeader} (1-500); then the total size of the entries.
 *
 * <p>Source, DetailType and Detail are not checked here: a missing one fails only its own entry, even when no entry in
 * the request has all three (see {@link PutEventsEntry#missingRequiredMember()}).
 */
final class PutEventsRequestValidator {

    private static final int MAX_ENTRIES = 10;
    private static final int MAX_BUS_NAME_LENGTH = 1600;
    private static final int MAX_RESOURCE_LENGTH = 2048;
    private static final int MAX_TRACE_HEADER_LENGTH = 500;
    /**
     * NonPartnerEventBusNameOrArn, the shape of an entry's EventBusName. Unlike EventBusNameOrArn (used by the rule
     * operations) it has no {@code /}: a partner event bus cannot receive PutEvents.
     */
    static final Pattern BUS_NAME_OR_ARN = Pattern.compile(
            "(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+");

    private PutEventsRequestValidator() {
    }

    /** The entries of a valid request, in request order; otherwise throws the error AWS answers. */
    static List<PutEventsEntry> entries(JsonNode body) {
        if (!body.isObject()) {
            throw ServiceError.serialization("The request body must be a JSON object.");
        }
        ConstraintViolations violations = new ConstraintViolations();
        JsonNode list = body.get("Entries");
        if (list == null || list.isNull()) {
            violations.missing("entries");
            violations.throwIfAny();
        }
        if (!list.isArray()) {
            throw ServiceError.serialization("Expected an array at 'entries'.");
        }
        if (list.isEmpty()) {
            violations.add("entries", "Member must have length greater than or equal to 1");
        }
        if (list.size() > MAX_ENTRIES) {
            violations.add("entries", "Member must have length less than or equal to " + MAX_ENTRIES);
        }
        List<PutEventsEntry> entries = new ArrayList<>();
        long totalSize = 0;
        int position = 1;
        for (JsonNode node : list) {
            String path = "entries." + position++ + ".member";
            PutEventsEntry entry = PutEventsEntry.read(node, path);
            checkBusName(entry.eventBusName(), path + ".eventBusName", violations);
            checkResources(entry.resources(), path + ".resources", violations);
            checkLength(entry.traceHeader(), 1, MAX_TRACE_HEADER_LENGTH, path + ".traceHeader", violations);
            totalSize += EntrySize.of(node);
            entries.add(entry);
        }
        violations.throwIfAny();
        if (totalSize > EntrySize.MAX_TOTAL_BYTES) {
            // What EventBridge answered a request over the limit (then 256 KB), recorded against AWS on 2025-01-08:
            // localstack/localstack tests/aws/services/events/test_events.snapshot.json,
            // test_put_event_with_too_big_detail.
            throw ServiceError.validation("Total size of the entries in the request is over the limit.");
        }
        return entries;
    }

    private static void checkBusName(String name, String path, ConstraintViolations violations) {
        if (name == null) {
            return;
        }
        checkLength(name, 1, MAX_BUS_NAME_LENGTH, path, violations);
        if (!BUS_NAME_OR_ARN.matcher(name).matches()) {
            violations.add(path, "Member must satisfy regular expression pattern: " + BUS_NAME_OR_ARN.pattern());
        }
    }

    /** One violation for the list, naming the item constraint broken (AWS's form for list members). */
    private static void checkResources(List<String> resources, String path, ConstraintViolations violations) {
        if (resources.stream().anyMatch(resource -> length(resource) > MAX_RESOURCE_LENGTH)) {
            violations.add(path, "Member must satisfy constraint: [Member must have length less than or equal to "
                    + MAX_RESOURCE_LENGTH + "]");
        }
    }

    private static void checkLength(String value, int min, int max, String path, ConstraintViolations violations) {
        if (value == null) {
            return;
        }
        if (length(value) < min) {
            violations.add(path, "Member must have length greater than or equal to " + min);
        }
        if (length(value) > max) {
            violations.add(path, "Member must have length less than or equal to " + max);
        }
    }

    /** Model lengths count characters (code points), not UTF-16 units. */
    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
