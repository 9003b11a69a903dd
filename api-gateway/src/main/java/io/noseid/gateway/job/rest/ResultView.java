package io.noseid.gateway.job.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The contract's job {@code result}: a registration's or an identification's ({@link JobResultView}), or a matcher
 * adaptation's ({@link AdaptationResultView}). Each is written with its own members, no type marker.
 */
@Schema(name = "ResultView", description = "a registration's or identification's result, or an adaptation's",
        oneOf = {JobResultView.class, AdaptationResultView.class})
public sealed interface ResultView permits JobResultView, AdaptationResultView {
}
