package dev.emrsessionstarter.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.reading.JsonBodies.ParsedBody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodiesTest {

    private final JsonBodies bodies = new JsonBodies(4096);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                       | body is not valid JSON (line 1, column 4)",
        "'{\"a\": 1'                    | body is not valid JSON (line 1, column 8)",
        "'{\"a\": 1} trailing'          | body is not valid JSON (line 1, column 18)",
        "[1, 2]                         | body must be a JSON object (was an array)",
        "'\"text\"'                     | body must be a JSON object (was a string)",
        "42                             | body must be a JSON object (was a number)",
        "null                           | body must be a JSON object (was null)",
        "''                             | body is empty",
        "'{\"a\": 1, \"a\": 2}'         | body has the key \"a\" twice in one object (line 1, column 13)",
        "'{\"a\": NaN}'                 | body is not valid JSON (line 1, column 10)",
    })
    void refuses_what_no_request_can_be(String body, String expected) {
        ParsedBody parsed = bodies.parse(body);
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.violations()).extracting(Violation::toString).containsExactly(expected);
    }

    @Test
    void a_json_object_parses() {
        assertThat(bodies.parse("{\"applicationId\": \"a\"}").json().get("applicationId").textValue()).isEqualTo("a");
    }

    @Test
    void parse_errors_never_quote_the_body() {
        String secret = "s3cr3t-value-that-must-not-leak";
        for (String body : new String[] {
            "{\"k\": " + secret + "}", secret, "{\"k\": \"v\" " + secret + "}", "{\"" + secret + "\" 1}"}) {
            assertThat(bodies.parse(body).violations().toString()).doesNotContain(secret);
        }
    }

    @Test
    void a_body_over_the_limit_is_refused_before_parsing() {
        String large = "{\"name\": \"" + "x".repeat(5000) + "\"}";
        assertThat(bodies.parse(large).violations()).extracting(Violation::rule)
                .containsExactly("body is larger than this deployment's limit of 4096 bytes");
        assertThat(bodies.parse(large.getBytes(StandardCharsets.UTF_8)).isValid()).isFalse();
    }

    @Test
    void the_limit_counts_utf8_bytes_not_characters() {
        String body = "{\"n\": \"" + "é".repeat(2040) + "\"}"; // 2049 characters, 4089 bytes
        assertThat(bodies.parse(body).isValid()).isTrue();
        String over = "{\"n\": \"" + "é".repeat(2045) + "\"}"; // 4099 bytes
        assertThat(bodies.parse(over).isValid()).isFalse();
    }

    @Test
    void deep_nesting_is_refused() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        assertThat(bodies.parse(deep).violations()).extracting(Violation::rule).singleElement()
                .asString().startsWith("body is not acceptable JSON: it exceeds a parser limit");
    }

    @Test
    void invalid_utf8_is_refused() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(bodies.parse(body).violations()).extracting(Violation::rule).singleElement()
                .asString().startsWith("body is not valid JSON");
    }

    @Test
    void an_already_parsed_detail_is_checked_against_the_same_limit() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(bodies.accept(mapper.readTree("{\"a\": \"" + "x".repeat(5000) + "\"}")).isValid()).isFalse();
        assertThat(bodies.accept(mapper.readTree("[]")).isValid()).isFalse();
        assertThat(bodies.accept(null).violations()).extracting(Violation::rule).containsExactly("body is empty");
    }
}
