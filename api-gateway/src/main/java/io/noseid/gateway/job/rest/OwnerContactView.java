package io.noseid.gateway.job.rest;

/** The matched dog's owner, phone masked. */
public record OwnerContactView(String name, String phone) {
}
