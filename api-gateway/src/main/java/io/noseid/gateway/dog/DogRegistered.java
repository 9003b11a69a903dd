package io.noseid.gateway.dog;

import java.time.Instant;

/**
 * Fired synchronously, inside the transaction that stored the dog, when a registration created a new dog: an
 * observer's work commits with the dog or not at all (the matcher's automatic adaptation starts this way).
 */
public record DogRegistered(String dogId, Instant registeredAt) {
}
