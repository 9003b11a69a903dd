package io.noseid.gateway.registration.rest;

import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;

/**
 * The multipart body of POST /api/v1/registrations; every rule is checked by the service, not by binding. Text
 * fields bind as lists so that a field sent twice is refused instead of silently keeping its first value.
 */
@Schema(name = "RegistrationForm")
public class RegistrationForm {

    @RestForm("nose")
    @Schema(type = SchemaType.ARRAY, minItems = 5, maxItems = 5, required = true,
            description = "exactly 5 nose photos: JPEG, PNG or WebP, each at most 15 MiB and 40 megapixels")
    public List<FileUpload> nose;

    @RestForm("profile")
    @Schema(type = SchemaType.ARRAY, maxItems = 1,
            description = "optional profile photo of the dog, same rules")
    public List<FileUpload> profile;

    @RestForm
    @PartType(MediaType.TEXT_PLAIN)
    @Schema(type = SchemaType.STRING, required = true, minLength = 1, maxLength = 100)
    public List<String> ownerName;

    @RestForm
    @PartType(MediaType.TEXT_PLAIN)
    @Schema(type = SchemaType.STRING, required = true, pattern = "^\\+?[0-9 \\-]+$",
            description = "digits with optional +, - and spaces; 9..15 digits after stripping")
    public List<String> ownerPhone;

    @RestForm
    @PartType(MediaType.TEXT_PLAIN)
    @Schema(type = SchemaType.STRING, format = "email")
    public List<String> ownerEmail;

    @RestForm
    @PartType(MediaType.TEXT_PLAIN)
    @Schema(type = SchemaType.STRING, required = true, minLength = 1, maxLength = 50,
            description = "any script, Hangul included")
    public List<String> dogName;

    @RestForm
    @PartType(MediaType.TEXT_PLAIN)
    @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 100)
    public List<String> dogBreed;

    @RestForm
    @PartType(MediaType.TEXT_PLAIN)
    @Schema(type = SchemaType.INTEGER, minimum = "1990", description = "1990..current year")
    public List<String> dogBirthYear;

    @RestForm
    @PartType(MediaType.TEXT_PLAIN)
    @Schema(type = SchemaType.STRING, enumeration = {"MALE", "FEMALE", "UNKNOWN"})
    public List<String> dogSex;
}
