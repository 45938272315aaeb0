package dev.emrsessionstarter.emulator.emr;

/** The string shapes of the EMR Serverless model that requests carry, with their constraints (anchored). */
final class ModelShapes {

    static final StringConstraint APPLICATION_ID = StringConstraint.of(1, 64, "^[0-9a-z]+$");
    static final StringConstraint SESSION_ID = StringConstraint.of(1, 64, "^[0-9a-z]+$");
    static final StringConstraint CLIENT_TOKEN = StringConstraint.of(1, 64, "^[A-Za-z0-9._-]+$");
    static final StringConstraint IAM_ROLE_ARN = StringConstraint.of(20, 2048,
            "^arn:(aws[a-zA-Z0-9-]*):iam::([0-9]{12}):"
                    + "(role((\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F))[\\w+=,.@-]+)$");
    static final StringConstraint STRING_256 = StringConstraint.of(1, 256, "^.*\\S.*$");
    static final StringConstraint STRING_1024 = StringConstraint.of(1, 1024, "^.*\\S.*$");
    static final StringConstraint TAG_KEY = StringConstraint.of(1, 128, "^[A-Za-z0-9 /_.:=+@-]+$");
    static final StringConstraint TAG_VALUE = StringConstraint.of(0, 256, "^[A-Za-z0-9 /_.:=+@-]*$");
    static final StringConstraint PROPERTY_KEY = StringConstraint.of(1, 1024, "^.*\\S.*$");
    static final StringConstraint PROPERTY_VALUE = StringConstraint.of(0, 1024, "^.*\\S.*$");
    static final StringConstraint NEXT_TOKEN = StringConstraint.of(1, 1024, "^[A-Za-z0-9_=-]+$");

    static final long MIN_IDLE_TIMEOUT_MINUTES = 0;
    static final long MAX_IDLE_TIMEOUT_MINUTES = 1_000_000;
    static final int MAX_TAGS = 200;
    static final int MAX_CONFIGURATIONS = 100;
    static final int MAX_PROPERTIES = 100;

    private ModelShapes() {
    }
}
