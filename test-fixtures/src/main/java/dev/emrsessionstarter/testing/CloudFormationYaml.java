package dev.emrsessionstarter.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM YAML template into plain maps and lists. The short-form intrinsic tags become their
 * long form ({@code !Ref X} is {@code {"Ref": "X"}}, {@code !Sub s} is {@code {"Fn::Sub": s}},
 * {@code !GetAtt A.B} is {@code {"Fn::GetAtt": ["A", "B"]}}), as CloudFormation itself reads them.
 */
public final class CloudFormationYaml {

    private static final List<String> FN_TAGS = List.of(
            "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
            "Transform", "And", "Equals", "If", "Not", "Or", "Contains", "EachMemberEquals", "EachMemberIn",
            "RefAll", "ValueOf", "ValueOfAll", "ToJsonString", "Length");

    private CloudFormationYaml() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml(new IntrinsicConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String fn : FN_TAGS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    if (key.equals("Fn::GetAtt")) {
                        int dot = text.indexOf('.');
                        value = List.of(text.substring(0, dot), text.substring(dot + 1));
                    } else {
                        value = text;
                    }
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }

    /** A template node read as a mapping; a test fails if it is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping, got: " + value);
        }
        return (Map<String, Object>) value;
    }

    /** A template node read as a sequence; a test fails if it is not one. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("expected a sequence, got: " + value);
        }
        return (List<Object>) value;
    }
}
