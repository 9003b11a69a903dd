package io.noseid.gateway.job.rest;

import io.noseid.gateway.dog.DogSex;

public record MatchedDogView(String name, String breed, Integer birthYear, DogSex sex, OwnerContactView owner) {
}
