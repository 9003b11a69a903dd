package io.noseid.gateway.dog.rest;

import io.noseid.gateway.dog.DogSex;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record DogView(String registrationNumber, String name, String breed, Integer birthYear, DogSex sex,
                      @Schema(format = "date-time") String registeredAt, OwnerView owner) {
}
