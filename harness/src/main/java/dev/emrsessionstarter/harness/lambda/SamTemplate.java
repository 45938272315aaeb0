package dev.emrsessionstarter.harness.lambda;

import dev.emrsessionstarter.testing.CloudFormationYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The functions of {@code template.yaml} as a deployment with given parameter values would configure them: handler,
 * memory, timeout and environment (Globals merged with the function's own), with {@code Ref}, {@code Fn::Join},
 * {@code Fn::If} and the condition functions resolved. Other intrinsics in those properties are refused, so a template
 * change this reader cannot follow fails loudly instead of being misread.
 */
public final class SamTemplate {

    private static final Object NO_VALUE = new Object();

    private final Map<String, Object> template;
    private final Map<String, Object> parameterValues;
    private final Map<String, String> resourceValues;

    private SamTemplate(Map<String, Object> template, Map<String, Object> parameterValues,
            Map<String, String> resourceValues) {
        this.template = template;
        this.parameterValues = parameterValues;
        this.resourceValues = resourceValues;
    }

    /**
     * Reads the template; parameters not given take their defaults (list parameters are comma-separated). A name that
     * is not a parameter but a resource gives the value of a {@code Ref} to that resource (a queue's URL, say).
     */
    public static SamTemplate load(Path path, Map<String, String> parameters) {
        Map<String, Object> template = read(path);
        Map<String, String> resources = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (map(template.get("Resources")).containsKey(name)) {
                resources.put(name, value);
            }
        });
        Map<String, Object> values = new LinkedHashMap<>();
        map(template.get("Parameters")).forEach((name, definition) -> {
            Map<String, Object> parameter = map(definition);
            Object value = parameters.containsKey(name) ? parameters.get(name) : parameter.get("Default");
            if (value != null && "CommaDelimitedList".equals(parameter.get("Type"))) {
                value = List.of(String.valueOf(value).split(",", -1));
            }
            values.put(name, value);
        });
        return new SamTemplate(template, values, resources);
    }

    /** Every {@code AWS::Serverless::Function}, in template order. */
    public List<LambdaFunction> functions() {
        List<LambdaFunction> functions = new ArrayList<>();
        map(template.get("Resources")).forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                functions.add(function(id));
            }
        });
        return functions;
    }

    public LambdaFunction function(String logicalId) {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        Map<String, Object> properties = map(map(map(template.get("Resources")).get(logicalId)).get("Properties"));
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> source : List.of(globals, properties)) {
            map(map(source.get("Environment")).get("Variables")).forEach((name, value) -> {
                Object resolved = resolve(value);
                if (resolved != NO_VALUE) {
                    environment.put(name, text(resolved));
                }
            });
        }
        return new LambdaFunction(logicalId, text(property(properties, globals, "Handler")),
                Integer.parseInt(text(property(properties, globals, "MemorySize"))),
                Integer.parseInt(text(property(properties, globals, "Timeout"))), environment);
    }

    /**
     * The SQS event source of a function as its event source mapping is configured: {@code BatchSize},
     * {@code MaximumBatchingWindowInSeconds} and {@code ScalingConfig.MaximumConcurrency}, each resolved.
     */
    public SqsEventSource sqsEventSource(String logicalId) {
        Map<String, Object> properties = map(map(map(template.get("Resources")).get(logicalId)).get("Properties"));
        for (Object event : map(properties.get("Events")).values()) {
            if ("SQS".equals(map(event).get("Type"))) {
                Map<String, Object> source = map(map(event).get("Properties"));
                return new SqsEventSource(number(source.get("BatchSize"), "BatchSize"),
                        number(source.get("MaximumBatchingWindowInSeconds"), "MaximumBatchingWindowInSeconds"),
                        number(map(source.get("ScalingConfig")).get("MaximumConcurrency"),
                                "ScalingConfig.MaximumConcurrency"));
            }
        }
        throw new IllegalArgumentException(logicalId + " has no SQS event source");
    }

    private int number(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("the SQS event source sets no " + name);
        }
        return Integer.parseInt(text(resolve(value)));
    }

    private Object property(Map<String, Object> properties, Map<String, Object> globals, String name) {
        Object value = properties.containsKey(name) ? properties.get(name) : globals.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + " in the function or Globals");
        }
        return resolve(value);
    }

    private Object resolve(Object value) {
        if (!(value instanceof Map<?, ?> intrinsic) || intrinsic.size() != 1) {
            return value;
        }
        Map.Entry<?, ?> entry = intrinsic.entrySet().iterator().next();
        Object argument = entry.getValue();
        return switch (String.valueOf(entry.getKey())) {
            case "Ref" -> ref(String.valueOf(argument));
            case "Fn::Join" -> {
                List<?> join = (List<?>) argument;
                yield ((List<?>) resolve(join.get(1))).stream().map(item -> text(resolve(item)))
                        .collect(Collectors.joining(String.valueOf(join.get(0))));
            }
            case "Fn::If" -> {
                List<?> branches = (List<?>) argument;
                yield resolve(condition(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2));
            }
            default -> throw new IllegalArgumentException("unsupported intrinsic " + entry.getKey());
        };
    }

    private Object ref(String name) {
        return switch (name) {
            case "AWS::NoValue" -> NO_VALUE;
            case "AWS::Region" -> "us-east-1";
            case "AWS::AccountId" -> "123456789012";
            case "AWS::Partition" -> "aws";
            default -> {
                if (resourceValues.containsKey(name)) {
                    yield resourceValues.get(name);
                }
                if (!parameterValues.containsKey(name)) {
                    throw new IllegalArgumentException("Ref to " + name + ", which is not a parameter");
                }
                Object value = parameterValues.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("parameter " + name + " has no default: give a value");
                }
                yield value;
            }
        };
    }

    private boolean condition(String name) {
        return evaluate(map(template.get("Conditions")).get(name));
    }

    private boolean evaluate(Object expression) {
        Map<?, ?> function = (Map<?, ?>) expression;
        Map.Entry<?, ?> entry = function.entrySet().iterator().next();
        List<?> arguments = entry.getValue() instanceof List<?> list ? list : List.of(entry.getValue());
        return switch (String.valueOf(entry.getKey())) {
            case "Fn::Equals" -> text(resolve(arguments.get(0))).equals(text(resolve(arguments.get(1))));
            case "Fn::Not" -> !evaluate(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::evaluate);
            case "Fn::Or" -> arguments.stream().anyMatch(this::evaluate);
            case "Condition" -> condition(String.valueOf(entry.getValue()));
            default -> throw new IllegalArgumentException("unsupported condition function " + entry.getKey());
        };
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static Map<String, Object> read(Path path) {
        return CloudFormationYaml.load(path);
    }
}
