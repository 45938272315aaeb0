package dev.emrsessionstarter.core.reading;

/**
 * What the deployment decides about requests: values for the fields a request may leave out, and the applications
 * and roles it may name. A refusal names the setting to change.
 *
 * @param defaultApplicationId used when a request names no application; null for none
 * @param defaultExecutionRoleArn used when a request names no role; null for none
 * @param defaultIdleTimeoutMinutes used when a request sets no idle timeout; null to leave it to EMR Serverless
 */
public record RequestPolicy(
        String defaultApplicationId,
        String defaultExecutionRoleArn,
        Long defaultIdleTimeoutMinutes,
        Allowlist allowedApplicationIds,
        Allowlist allowedExecutionRoleArns) {

    public static final String DEFAULT_APPLICATION_ID = "DEFAULT_APPLICATION_ID";
    public static final String DEFAULT_EXECUTION_ROLE_ARN = "DEFAULT_EXECUTION_ROLE_ARN";
    public static final String ALLOWED_APPLICATION_IDS = "ALLOWED_APPLICATION_IDS";
    public static final String ALLOWED_EXECUTION_ROLE_ARNS = "ALLOWED_EXECUTION_ROLE_ARNS";
}
