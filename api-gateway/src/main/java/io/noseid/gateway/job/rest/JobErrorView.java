package io.noseid.gateway.job.rest;

public record JobErrorView(String code, String detail) {
}
