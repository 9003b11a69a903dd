-- Jobs that run one at a time (a matcher adaptation): while such a job is QUEUED or RUNNING its kind is in
-- exclusive_slot, and the unique key makes the database refuse a second one, whichever gateway replica asks. The slot
-- is cleared in the transaction that makes the job final (NULLs never collide).
ALTER TABLE job
    ADD COLUMN exclusive_slot VARCHAR(20) NULL,
    ADD CONSTRAINT job_exclusive_slot_uk UNIQUE (exclusive_slot);

-- Every matcher version an adaptation built, as its worker answered: the automatic trigger compares the number of
-- registered dogs with the last one's. Kept apart from job, whose rows need not live for ever.
CREATE TABLE matcher_adaptation (
    job_id           CHAR(36)     NOT NULL,
    matcher_version  VARCHAR(200) NOT NULL,
    dogs             INT          NOT NULL,
    photos           INT          NOT NULL,
    threshold        DOUBLE       NOT NULL,
    estimated_far    DOUBLE       NOT NULL,
    adapted_at       TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (job_id),
    KEY matcher_adaptation_adapted_at_idx (adapted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
