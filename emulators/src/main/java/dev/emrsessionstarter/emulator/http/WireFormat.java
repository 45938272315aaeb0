package dev.emrsessionstarter.emulator.http;

/**
 * How a service writes its answers: the content type, whether the error code also goes into the body as
 * {@code __type} (the JSON 1.1 protocol) or only into the {@code x-amzn-ErrorType} header (rest-json), and which
 * errors stand for an internal failure and for throttling on this service.
 */
public record WireFormat(String contentType, boolean errorTypeInBody, ServiceError internalError,
                         ServiceError throttling) {

    /** EMR Serverless: rest-json, InternalServerException 500; throttling is not modelled, 429 as API Gateway does. */
    public static WireFormat restJson() {
        return new WireFormat("application/json", false,
                new ServiceError(500, "InternalServerException", "Internal server error."),
                new ServiceError(429, "ThrottlingException", "Rate exceeded"));
    }

    /** EventBridge: JSON 1.1, InternalException 500, ThrottlingException 400 (as AWS JSON services answer it). */
    public static WireFormat awsJson11() {
        return new WireFormat("application/x-amz-json-1.1", true,
                new ServiceError(500, "InternalException", "Internal service error."),
                new ServiceError(400, "ThrottlingException", "Rate exceeded"));
    }
}
