package dev.emrsessionstarter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.TaskFailure;
import dev.emrsessionstarter.entrypoint.SessionRequestFailedException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The names a Step Functions {@code Retry} or {@code Catch} matches and the function's own error codes are defined once
 * in code ({@link TaskFailure}, {@link ErrorCodes}); docs/contract.md lists exactly those, and every name is a class.
 */
class ErrorNamesTest {

    private static final Path CONTRACT = ContractSchemas.PROJECT.resolve("docs/contract.md");
    private static final Path ENTRY_POINTS = Path.of("target/classes/dev/emrsessionstarter/entrypoint");

    @Test
    void every_error_name_is_a_failure_class_of_the_entry_points() throws ClassNotFoundException {
        for (TaskFailure failure : TaskFailure.values()) {
            assertThat(SessionRequestFailedException.class.isAssignableFrom(Class.forName(failure.errorName())))
                    .as(failure.errorName()).isTrue();
        }
    }

    @Test
    void every_failure_class_is_an_error_name() throws IOException, ClassNotFoundException {
        List<String> names = Arrays.stream(TaskFailure.values()).map(TaskFailure::errorName).toList();
        try (Stream<Path> classes = Files.list(ContractSchemas.PROJECT.resolve("function").resolve(ENTRY_POINTS))) {
            for (Path file : classes.filter(path -> path.toString().endsWith("Exception.class")).toList()) {
                String name = "dev.emrsessionstarter.entrypoint." + file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(name);
                if (SessionRequestFailedException.class.isAssignableFrom(type)
                        && !Modifier.isAbstract(type.getModifiers())) {
                    assertThat(names).as("an error name for %s", name).contains(name);
                }
            }
        }
    }

    @Test
    void a_direct_invoke_throws_the_class_a_waiting_task_would_fail_with() {
        for (ErrorInfo error : List.of(ErrorInfo.of(ErrorCodes.INVALID_SESSION_REQUEST, "m", false),
                ErrorInfo.of(ErrorCodes.SESSION_REQUEST_NOT_ALLOWED, "m", false),
                ErrorInfo.of("ValidationException", "m", false), ErrorInfo.of("ThrottlingException", "m", true))) {
            assertThat(SessionRequestFailedException.of(error).getClass().getName())
                    .isEqualTo(TaskFailure.forStartError(error).errorName());
        }
    }

    @Test
    void the_contract_lists_exactly_the_error_names() throws IOException {
        assertThat(firstColumn("error-names")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(TaskFailure.values()).map(TaskFailure::errorName).toList());
    }

    @Test
    void the_contract_lists_exactly_the_functions_own_error_codes() throws IOException, IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (Field field : ErrorCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }
        assertThat(firstColumn("error-codes")).containsExactlyInAnyOrderElementsOf(codes);
    }

    /** The first column of the table between {@code <!-- name:start -->} and {@code <!-- name:end -->}. */
    private static List<String> firstColumn(String table) throws IOException {
        String contract = Files.readString(CONTRACT);
        String rows = contract.substring(contract.indexOf("<!-- " + table + ":start -->"),
                contract.indexOf("<!-- " + table + ":end -->"));
        List<String> cells = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(rows);
        while (row.find()) {
            cells.add(row.group(1));
        }
        return cells;
    }
}
