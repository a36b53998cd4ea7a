package dev.netpilot.job;

/** Why a job failed as a whole: {@code type} names the kind of failure, {@code message} says what to do. */
public record JobError(String type, String message) {
}
