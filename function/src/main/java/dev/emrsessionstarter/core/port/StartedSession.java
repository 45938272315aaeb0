package dev.emrsessionstarter.core.port;

/** A session EMR Serverless started (or had already started for the same client token). */
public record StartedSession(String applicationId, String sessionId, String arn) {
}
