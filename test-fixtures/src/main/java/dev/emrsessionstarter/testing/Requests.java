package dev.emrsessionstarter.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Session request bodies for tests. */
public final class Requests {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** A configuration property value standing for a credential: it must never appear in a log or an event. */
    public static final String PLANTED_SECRET = "AKIA-planted-secret-0123456789abcdef";

    private Requests() {
    }

    /** A valid request for the sample application and role. */
    public static ObjectNode valid() {
        ObjectNode request = JSON.createObjectNode();
        request.put("applicationId", TestSettings.APPLICATION_ID);
        request.put("executionRoleArn", TestSettings.ROLE_ARN);
        request.put("name", "nightly-exploration");
        request.put("idleTimeoutMinutes", 60);
        request.putObject("configurationOverrides").putArray("runtimeConfiguration").addObject()
                .put("classification", "spark-defaults")
                .putObject("properties").put("spark.executor.memory", "4g");
        request.putObject("tags").put("team", "analytics");
        return request;
    }

    /** A valid request whose configuration carries {@link #PLANTED_SECRET}. */
    public static ObjectNode withSecret() {
        ObjectNode request = valid();
        ((ObjectNode) request.get("configurationOverrides").get("runtimeConfiguration").get(0).get("properties"))
                .put("spark.hadoop.fs.s3a.secret.key", PLANTED_SECRET);
        return request;
    }

    public static ObjectNode invalid() {
        ObjectNode request = valid();
        request.put("applicationId", "Not-Valid");
        request.put("idleTimeoutMinutes", 2_000_000);
        request.put("idleTimeoutMinute", 5);
        return request;
    }
}
