-- Matcher versions (adaptation to the operator's gallery). A version is a vocabulary (with its idf) and the decision
-- threshold calibrated on the gallery; the shipped vocabulary is a version without a stored blob (it is on the
-- classpath). Lifecycle: BUILDING (an adaptation re-indexes every dog) -> READY (complete; workers load it beside the
-- one they serve) -> ACTIVE (every worker answers with it) -> PREVIOUS (the one just replaced, still written to until
-- the next switch, so a worker that has not switched yet misses nothing) -> RETIRED (its index rows deleted).
-- FAILED: an adaptation that did not finish; its rows are deleted.
CREATE TABLE matcher_version (
    version          VARCHAR(64)  NOT NULL,
    state            VARCHAR(10)  NOT NULL,
    vocabulary       LONGBLOB     NULL,
    inlier_threshold DOUBLE       NULL,
    target_far       DOUBLE       NULL,
    estimated_far    DOUBLE       NULL,
    dogs             INT          NULL,
    photos           INT          NULL,
    job_id           CHAR(36)     NULL,
    created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    activated_at     TIMESTAMP(3) NULL,
    PRIMARY KEY (version),
    KEY matcher_version_state_idx (state)
) ENGINE = InnoDB;

-- One index row per dog and version; the templates (keypoints, descriptors) are stored once per dog, for every
-- version, and deleted with the dog explicitly.
ALTER TABLE gallery_photo DROP FOREIGN KEY fk_gallery_photo_dog;
ALTER TABLE gallery_dog DROP PRIMARY KEY, ADD PRIMARY KEY (dog_id, vocabulary_version);
CREATE INDEX gallery_dog_version_idx ON gallery_dog (vocabulary_version, dog_id);
