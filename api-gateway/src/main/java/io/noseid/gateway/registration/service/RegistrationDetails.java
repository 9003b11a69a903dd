package io.noseid.gateway.registration.service;

import io.noseid.gateway.dog.DogSex;

/** The validated form fields of a registration, kept in the job row until the worker answered. */
public record RegistrationDetails(String ownerName, String ownerPhone, String ownerEmail, String dogName,
                                  String dogBreed, Integer dogBirthYear, DogSex dogSex) {
}
