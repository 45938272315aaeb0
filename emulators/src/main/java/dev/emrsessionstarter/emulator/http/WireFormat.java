package dev.emrsessionstarter.emulator.http;

import java.util.function.UnaryOperator;

/**
 * How a service writes its answers: the content type, what goes into an error body's {@code __type} (the AWS JSON
 * protocols; rest-json carries the code only in the {@code x-amzn-ErrorType} header), and which errors stand for an
 * internal failure and for throttling on this service.
 *
 * @param errorTypeInBody the {@code __type} for an error code, or null for none; SDKs keep what follows the last
 *     {@code #}, so a qualified name and the bare code read the same
 */
public record WireFormat(String contentType, UnaryOperator<String> errorTypeInBody, ServiceError internalError,
                         ServiceError throttling) {

    /** EMR Serverless: rest-json, InternalServerException 500; throttling is not modelled, 429 as API Gateway does. */
    public static WireFormat restJson() {
        return new WireFormat("application/json", code -> null,
                new ServiceError(500, "InternalServerException", "Internal server error."),
                new ServiceError(429, "ThrottlingException", "Rate exceeded"));
    }

    /** EventBridge: JSON 1.1, InternalException 500, ThrottlingException 400 (as AWS JSON services answer it). */
    public static WireFormat awsJson11() {
        return new WireFormat("application/x-amz-json-1.1", UnaryOperator.identity(),
                new ServiceError(500, "InternalException", "Internal service error."),
                new ServiceError(400, "ThrottlingException", "Rate exceeded"));
    }

    /**
     * A JSON 1.0 service (Step Functions) with its own {@code __type} names; InternalFailure 500 and
     * ThrottlingException 400, the service's common errors.
     */
    public static WireFormat awsJson10(UnaryOperator<String> errorTypeInBody) {
        return new WireFormat("application/x-amz-json-1.0", errorTypeInBody,
                new ServiceError(500, "InternalFailure", "An internal error occurred."),
                new ServiceError(400, "ThrottlingException", "Rate exceeded"));
    }
}
