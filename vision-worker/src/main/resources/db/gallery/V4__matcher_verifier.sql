-- The SVM verifier an adaptation learned from the gallery (VerificationModel.encode(): feature standardisation, SVM
-- weights, Platt parameters, match threshold). NULL: the version decides by its inlier threshold.
ALTER TABLE matcher_version ADD COLUMN verifier BLOB NULL AFTER inlier_threshold;
