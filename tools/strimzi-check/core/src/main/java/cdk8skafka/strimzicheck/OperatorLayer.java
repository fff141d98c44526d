package cdk8skafka.strimzicheck;

import java.nio.file.Path;
import java.util.List;

/**
 * The cluster operator's model layer of one Strimzi release, found with {@link java.util.ServiceLoader}. Its
 * implementations (operator-1.2.0, operator-0.45.2) build only where Strimzi's operator jars are in the local Maven
 * repository: Strimzi does not publish io.strimzi:cluster-operator to Maven Central.
 */
public interface OperatorLayer {
    /** The Strimzi release it drives, e.g. "1.2.0". */
    String release();

    /** Where its classes come from, e.g. "io.strimzi:cluster-operator:1.2.0 (local Maven repository)". */
    String source();

    /** The operator classes and checks it runs, one line each, for the report. */
    List<String> checks();

    /** What it does not run, each with the reason, for the report. */
    List<String> notRun();

    /**
     * Checks the Strimzi resources of one case (the synthesized output of one app) and records findings on them.
     * {@code all} holds every object of the case (ConfigMaps the resources reference, too).
     * Generated broker/controller configurations are written under {@code configOut} when it is not null.
     */
    void check(String caseName, List<Resource> all, Path configOut);
}
