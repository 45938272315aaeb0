package dev.emrsessionstarter.contract;

import static dev.emrsessionstarter.testing.CloudFormationYaml.list;
import static dev.emrsessionstarter.testing.CloudFormationYaml.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.emrsessionstarter.testing.CloudFormationYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The project as a package: the Serverless Application Repository metadata in {@code template.yaml} against the
 * parent {@code pom.xml} (the one place the version is set), the licence and the changelog.
 */
class PackageMetadataTest {

    private static final String SAR_APPLICATION = "AWS::ServerlessRepo::Application";
    /** The repository's own constraints, which {@code sam publish} would otherwise be the first to report. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9\\-]+");
    private static final Pattern AUTHOR = Pattern.compile("^[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?$");
    private static final Pattern LABEL = Pattern.compile("^[a-zA-Z0-9+\\-_:/@]+$");

    private static Map<String, Object> application;
    private static Element parentPom;

    @BeforeAll
    static void load() throws Exception {
        Map<String, Object> template = CloudFormationYaml.load(ContractSchemas.PROJECT.resolve("template.yaml"));
        application = map(map(template.get("Metadata")).get(SAR_APPLICATION));
        parentPom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ContractSchemas.PROJECT.resolve("pom.xml").toFile()).getDocumentElement();
    }

    @Test
    void semantic_version_is_the_parent_pom_version() {
        assertThat(application.get("SemanticVersion")).isEqualTo(projectVersion());
    }

    @Test
    void modules_inherit_the_version() throws Exception {
        for (String module : children(parentPom, "modules", "module")) {
            Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(ContractSchemas.PROJECT.resolve(module).resolve("pom.xml").toFile()).getDocumentElement();
            assertThat(child(child(pom, "parent"), "version").getTextContent()).as(module).isEqualTo(projectVersion());
            assertThat(child(pom, "version")).as("%s declares a version of its own", module).isNull();
        }
    }

    @Test
    void licence_and_readme_files_exist() {
        assertThat(ContractSchemas.PROJECT.resolve((String) application.get("LicenseUrl"))).isRegularFile();
        assertThat(ContractSchemas.PROJECT.resolve((String) application.get("ReadmeUrl"))).isRegularFile();
    }

    @Test
    void licence_is_apache_2_0() throws IOException {
        String licence = read((String) application.get("LicenseUrl"));

        assertThat(application.get("SpdxLicenseId")).isEqualTo("Apache-2.0");
        assertThat(licence).contains("Apache License", "Version 2.0, January 2004",
                "http://www.apache.org/licenses/", "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",
                "1. Definitions.", "2. Grant of Copyright License.", "3. Grant of Patent License.",
                "4. Redistribution.", "5. Submission of Contributions.", "6. Trademarks.",
                "7. Disclaimer of Warranty.", "8. Limitation of Liability.",
                "9. Accepting Warranty or Additional Liability.", "END OF TERMS AND CONDITIONS");
    }

    @Test
    void changelog_has_a_section_for_the_current_version() throws IOException {
        // A version still in development is the Unreleased section until it is released.
        String version = projectVersion().endsWith("-SNAPSHOT") ? "Unreleased" : projectVersion();

        assertThat(read("CHANGELOG.md"))
                .containsPattern("(?m)^## \\[Unreleased\\]$")
                .containsPattern("(?m)^## \\[" + Pattern.quote(version) + "\\]( - \\d{4}-\\d{2}-\\d{2})?$");
    }

    @Test
    void metadata_meets_the_repository_constraints() {
        String name = (String) application.get("Name");
        String author = (String) application.get("Author");
        String description = (String) application.get("Description");
        List<Object> labels = list(application.get("Labels"));

        assertThat(name).hasSizeBetween(1, 140).matches(NAME);
        assertThat(author).hasSizeBetween(1, 127).matches(AUTHOR);
        assertThat(description).hasSizeBetween(1, 256);
        assertThat(labels).hasSizeBetween(1, 10).allSatisfy(label ->
                assertThat((String) label).hasSizeBetween(1, 127).matches(LABEL));
        assertThat((String) application.get("HomePageUrl")).startsWith("https://");
        assertThat((String) application.get("SourceCodeUrl")).startsWith("https://");
    }

    private static String projectVersion() {
        return child(parentPom, "version").getTextContent().trim();
    }

    private static String read(String file) throws IOException {
        return Files.readString(ContractSchemas.PROJECT.resolve(file), StandardCharsets.UTF_8);
    }

    /** The direct child element of that name, or null: {@code version} must not find {@code parent/version}. */
    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static List<String> children(Element parent, String list, String name) {
        List<String> values = new ArrayList<>();
        for (Node node = child(parent, list).getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                values.add(element.getTextContent().trim());
            }
        }
        return values;
    }

}
