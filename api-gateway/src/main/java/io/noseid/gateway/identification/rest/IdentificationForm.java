package io.noseid.gateway.identification.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;

@Schema(name = "IdentificationForm")
public class IdentificationForm {

    @RestForm("nose")
    @Schema(type = SchemaType.ARRAY, minItems = 1, maxItems = 5, required = true,
            description = "1 to 5 nose photos: JPEG, PNG or WebP, each at most 15 MiB and 40 megapixels")
    public List<FileUpload> nose;
}
