-- Transactional outbox: every job message is stored with its job (or with the deletion of its dog) in one
-- transaction and removed once the broker confirmed it; what stays behind (a broker that did not confirm, a gateway
-- that died before the confirm) is published again by the relay of any gateway replica.
CREATE TABLE outbox (
    message_id       CHAR(36)     NOT NULL,
    job_type         VARCHAR(20)  NOT NULL,
    payload          MEDIUMTEXT   NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP(3) NOT NULL,
    created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (message_id),
    KEY outbox_due_idx (next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
