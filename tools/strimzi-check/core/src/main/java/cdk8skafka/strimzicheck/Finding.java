package cdk8skafka.strimzicheck;

/** One problem found in one resource: a warning (what the operator puts in the status) or an error (rejected). */
public record Finding(Severity severity, String check, String message) {
    /** How bad it is. Both fail the check. */
    public enum Severity { WARNING, ERROR }

    public static Finding warning(String check, String message) {
        return new Finding(Severity.WARNING, check, message);
    }

    public static Finding error(String check, String message) {
        return new Finding(Severity.ERROR, check, message);
    }
}
