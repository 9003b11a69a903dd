package io.noseid.gateway.dog;

public enum DogSex {
    MALE,
    FEMALE,
    UNKNOWN
}
