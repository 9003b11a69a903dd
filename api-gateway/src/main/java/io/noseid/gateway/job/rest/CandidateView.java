package io.noseid.gateway.job.rest;

public record CandidateView(String registrationNumber, double score) {
}
