package dev.emrsessionstarter.emulator.emr;

/** The EMR Serverless ApplicationState enum. */
public enum ApplicationState {
    CREATING, CREATED, STARTING, STARTED, STOPPING, STOPPED, TERMINATED
}
