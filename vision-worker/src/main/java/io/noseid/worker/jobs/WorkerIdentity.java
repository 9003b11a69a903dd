package io.noseid.worker.jobs;

import io.noseid.worker.config.WorkerConfig;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** This replica's name, stable for its lifetime (a Kubernetes pod name, or host name plus a random suffix). */
@Singleton
public class WorkerIdentity {

    private final String id;

    public WorkerIdentity(WorkerConfig config) {
        this.id = config.id().orElseGet(() -> hostName() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
