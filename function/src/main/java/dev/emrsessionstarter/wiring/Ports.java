package dev.emrsessionstarter.wiring;

import dev.emrsessionstarter.adapter.emr.EmrServerlessApplications;
import dev.emrsessionstarter.adapter.emr.EmrServerlessSessionMonitor;
import dev.emrsessionstarter.adapter.emr.EmrServerlessSessionStarter;
import dev.emrsessionstarter.adapter.eventbridge.EventBridgeOutcomePublisher;
import dev.emrsessionstarter.adapter.sqs.SqsCheckScheduler;
import dev.emrsessionstarter.adapter.stepfunctions.StepFunctionsTaskCallbacks;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.port.Applications;
import dev.emrsessionstarter.core.port.BatchPublisher;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.SessionMonitor;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.core.port.TaskCallbacks;
import java.time.Duration;

/** What the core calls out to, one port each; in production each is an adapter over one AWS service. */
public record Ports(
        SessionStarter starter,
        BatchPublisher<OutcomeEvent> publisher,
        BatchPublisher<ScheduledCheck> checks,
        SessionMonitor sessions,
        TaskCallbacks tasks,
        Applications applications) {

    /**
     * Ports without applications to read: a StartSession refusal is then reported in the service's words only, as
     * when GetApplication cannot be read.
     */
    public Ports(SessionStarter starter, BatchPublisher<OutcomeEvent> publisher, BatchPublisher<ScheduledCheck> checks,
            SessionMonitor sessions, TaskCallbacks tasks) {
        this(starter, publisher, checks, sessions, tasks, UNREAD_APPLICATIONS);
    }

    private static final Applications UNREAD_APPLICATIONS = new Applications() {
        @Override
        public ServiceCall<Application> read(String applicationId, Duration timeout) {
            return ServiceCall.Failed.of("NotRead", "applications are not read here", false);
        }

        @Override
        public ServiceCall<Void> start(String applicationId, Duration timeout) {
            return ServiceCall.Failed.of("NotRead", "applications are not started here", false);
        }
    };

    /** The adapters over the AWS clients. */
    public static Ports of(AwsClients clients, Settings settings) {
        return new Ports(new EmrServerlessSessionStarter(clients.emrServerless()),
                new EventBridgeOutcomePublisher(clients.eventBridge(), settings.eventBusName(), settings.eventSource()),
                new SqsCheckScheduler(clients::sqs, settings.watchQueueUrl()),
                new EmrServerlessSessionMonitor(clients.emrServerless()),
                new StepFunctionsTaskCallbacks(clients::stepFunctions),
                new EmrServerlessApplications(clients.emrServerless()));
    }
}
