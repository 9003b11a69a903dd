-- Gateway tables. The worker keeps its own gallery_* tables in the same database under another history table.

CREATE TABLE job (
    id              CHAR(36)     NOT NULL,
    type            VARCHAR(20)  NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    progress        DOUBLE       NOT NULL DEFAULT 0,
    planned_dog_id  CHAR(36)     NULL,
    request_json    TEXT         NULL,
    result_json     MEDIUMTEXT   NULL,
    error_code      VARCHAR(64)  NULL,
    error_detail    VARCHAR(1000) NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    KEY job_status_idx (status, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE owner (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    name        VARCHAR(100) NOT NULL,
    phone       VARCHAR(15)  NOT NULL,
    email       VARCHAR(254) NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT owner_phone_uk UNIQUE (phone)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dog (
    id                   CHAR(36)     NOT NULL,
    registration_number  VARCHAR(64)  NOT NULL,
    name                 VARCHAR(50)  NOT NULL,
    breed                VARCHAR(100) NULL,
    birth_year           INT          NULL,
    sex                  VARCHAR(10)  NULL,
    owner_id             BIGINT       NOT NULL,
    created_at           TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT dog_registration_number_uk UNIQUE (registration_number),
    CONSTRAINT dog_owner_fk FOREIGN KEY (owner_id) REFERENCES owner (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every number ever issued, so that a number is never handed out again after its dog was deleted.
CREATE TABLE issued_registration_number (
    number     VARCHAR(64)  NOT NULL,
    issued_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE photo (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    job_id        CHAR(36)     NULL,
    dog_id        CHAR(36)     NULL,
    idx           INT          NOT NULL,
    kind          VARCHAR(10)  NOT NULL,
    content_type  VARCHAR(50)  NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    width         INT          NOT NULL,
    height        INT          NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    data          LONGBLOB     NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    KEY photo_job_idx (job_id),
    KEY photo_dog_idx (dog_id),
    CONSTRAINT photo_job_fk FOREIGN KEY (job_id) REFERENCES job (id) ON DELETE SET NULL,
    CONSTRAINT photo_dog_fk FOREIGN KEY (dog_id) REFERENCES dog (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
