-- Nose-print gallery of the vision workers (one database shared by every worker replica).
-- gallery_dog holds what the in-memory shortlist index needs (BoW vectors, SVM model), gallery_photo the full
-- templates (keypoints + RootSIFT descriptors) fetched on demand, gallery_change the change log replayed by catchUp().

CREATE TABLE gallery_dog (
    dog_id             CHAR(36)     NOT NULL,
    vocabulary_version VARCHAR(64)  NOT NULL,
    photo_count        INT          NOT NULL,
    bow_vectors        MEDIUMBLOB   NOT NULL,
    svm_model          MEDIUMBLOB   NOT NULL,
    updated_at         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (dog_id)
) ENGINE = InnoDB;

CREATE TABLE gallery_photo (
    dog_id      CHAR(36)   NOT NULL,
    photo_index INT        NOT NULL,
    template    MEDIUMBLOB NOT NULL,
    PRIMARY KEY (dog_id, photo_index),
    CONSTRAINT fk_gallery_photo_dog FOREIGN KEY (dog_id) REFERENCES gallery_dog (dog_id) ON DELETE CASCADE
) ENGINE = InnoDB;

CREATE TABLE gallery_change (
    seq        BIGINT       NOT NULL AUTO_INCREMENT,
    dog_id     CHAR(36)     NOT NULL,
    kind       VARCHAR(8)   NOT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (seq)
) ENGINE = InnoDB;
