package io.noseid.gateway.dog.rest;

/** Phone and e-mail are masked for client keys and whole for admin keys. */
public record OwnerView(String name, String phone, String email) {
}
