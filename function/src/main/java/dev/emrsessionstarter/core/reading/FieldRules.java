package dev.emrsessionstarter.core.reading;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The EMR Serverless model's constraints on single string values, shared by request validation and by the
 * deployment's settings. Each check answers the broken rule, or empty when the value is fine.
 *
 * <p>Where the model is ambiguous (whitespace classes, line breaks in {@code .*\S.*}) the checks accept and let
 * EMR Serverless decide: its own {@code ValidationException} is a permanent rejection too, so nothing is lost,
 * whereas refusing a value the service would take would block a legitimate request.
 */
public final class FieldRules {

    public static final int APPLICATION_ID_MAX = 64;
    public static final Pattern APPLICATION_ID = Pattern.compile("[0-9a-z]+");
    public static final Pattern CLIENT_TOKEN = Pattern.compile("[A-Za-z0-9._-]+");
    public static final int CLIENT_TOKEN_MAX = 64;
    /** IAMRoleArn, anchored as in the Smithy model. */
    public static final Pattern ROLE_ARN = Pattern.compile(
            "arn:(aws[a-zA-Z0-9-]*):iam::([0-9]{12}):(role((\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F))[\\w+=,.@-]+)");
    public static final int ROLE_ARN_MIN = 20;
    public static final int ROLE_ARN_MAX = 2048;
    public static final int NAME_MAX = 256;
    public static final long IDLE_TIMEOUT_MAX = 1_000_000L;
    public static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9 /_.:=+@-]+");
    public static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9 /_.:=+@-]*");
    public static final int TAG_KEY_MAX = 128;
    public static final int TAG_VALUE_MAX = 256;
    public static final int TAGS_MAX = 200;
    public static final int CLASSIFICATION_MAX = 1024;
    public static final int PROPERTY_KEY_MAX = 1024;
    public static final int PROPERTY_VALUE_MAX = 1024;
    public static final int PROPERTIES_MAX = 100;
    public static final int CONFIGURATIONS_MAX = 100;
    /**
     * The model sets no depth for nested {@code configurations}; real classifications nest once or twice. A bound
     * keeps a hostile request from costing unbounded work.
     */
    public static final int CONFIGURATION_DEPTH_MAX = 10;
    public static final int IDEMPOTENCY_KEY_MAX = 2048;
    public static final int CORRELATION_ID_MAX = 256;
    /** Step Functions' TaskToken shape. */
    public static final int TASK_TOKEN_MAX = 2048;

    private FieldRules() {
    }

    public static Optional<String> applicationId(String value) {
        return lengthAndPattern(value, 1, APPLICATION_ID_MAX, APPLICATION_ID, "^[0-9a-z]+$");
    }

    /** The model's SessionId: 1 to 64 characters of {@code [0-9a-z]}. */
    public static Optional<String> sessionId(String value) {
        return lengthAndPattern(value, 1, APPLICATION_ID_MAX, APPLICATION_ID, "^[0-9a-z]+$");
    }

    public static Optional<String> executionRoleArn(String value) {
        return lengthAndPattern(value, ROLE_ARN_MIN, ROLE_ARN_MAX, ROLE_ARN,
                "an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<path/><name>)");
    }

    public static Optional<String> clientToken(String value) {
        return lengthAndPattern(value, 1, CLIENT_TOKEN_MAX, CLIENT_TOKEN, "^[A-Za-z0-9._-]+$");
    }

    public static Optional<String> name(String value) {
        return lengthAndNonBlank(value, 1, NAME_MAX);
    }

    public static Optional<String> idleTimeoutMinutes(long value) {
        return value < 0 || value > IDLE_TIMEOUT_MAX
                ? Optional.of("must be between 0 and " + IDLE_TIMEOUT_MAX)
                : Optional.empty();
    }

    public static Optional<String> tagKey(String value) {
        return lengthAndPattern(value, 1, TAG_KEY_MAX, TAG_KEY, "^[A-Za-z0-9 /_.:=+@-]+$");
    }

    public static Optional<String> tagValue(String value) {
        return lengthAndPattern(value, 0, TAG_VALUE_MAX, TAG_VALUE, "^[A-Za-z0-9 /_.:=+@-]*$");
    }

    public static Optional<String> classification(String value) {
        return lengthAndNonBlank(value, 1, CLASSIFICATION_MAX);
    }

    public static Optional<String> propertyKey(String value) {
        return lengthAndNonBlank(value, 1, PROPERTY_KEY_MAX);
    }

    /** The model's minimum is 0, but its pattern still needs a non-whitespace character, so "" fails. */
    public static Optional<String> propertyValue(String value) {
        return lengthAndNonBlank(value, 0, PROPERTY_VALUE_MAX);
    }

    public static Optional<String> idempotencyKey(String value) {
        return lengthAndNonBlank(value, 1, IDEMPOTENCY_KEY_MAX);
    }

    public static Optional<String> correlationId(String value) {
        Optional<String> length = lengthAndNonBlank(value, 1, CORRELATION_ID_MAX);
        if (length.isPresent()) {
            return length;
        }
        // It is echoed into every log line and event: no control characters that could forge a line.
        return value.chars().anyMatch(Character::isISOControl)
                ? Optional.of("must not contain control characters")
                : Optional.empty();
    }

    /** A Step Functions task token: only its length is known; its value is never shown. */
    public static Optional<String> taskToken(String value) {
        return length(value, 1, TASK_TOKEN_MAX);
    }

    /** Length in Unicode code points, as Smithy's length trait counts. */
    static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static Optional<String> lengthAndPattern(String value, int min, int max, Pattern pattern, String shown) {
        Optional<String> length = length(value, min, max);
        if (length.isPresent()) {
            return length;
        }
        return pattern.matcher(value).matches() ? Optional.empty() : Optional.of("must match " + shown);
    }

    private static Optional<String> lengthAndNonBlank(String value, int min, int max) {
        Optional<String> length = length(value, min, max);
        if (length.isPresent()) {
            return length;
        }
        return hasNonWhitespace(value) ? Optional.empty() : Optional.of("must contain a non-whitespace character");
    }

    private static Optional<String> length(String value, int min, int max) {
        int length = length(value);
        if (length < min || length > max) {
            String range = min == 0 ? "at most " + max : min + " to " + max;
            return Optional.of("length must be " + range + " characters (was " + length + ")");
        }
        return Optional.empty();
    }

    private static boolean hasNonWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') {
                return true;
            }
        }
        return false;
    }
}
