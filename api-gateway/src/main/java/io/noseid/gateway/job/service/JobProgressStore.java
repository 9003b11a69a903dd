package io.noseid.gateway.job.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.gateway.config.NoseIdConfig;
import io.noseid.gateway.job.rest.JobErrorView;
import io.noseid.shared.JobProgress;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.keys.KeyCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The live job state in Redis (hash {@link JobProgress#redisKey}); Redis keeps nothing on disk here. */
@ApplicationScoped
public class JobProgressStore {

    private final HashCommands<String, String, String> hashes;
    private final KeyCommands<String> keys;
    private final Duration ttl;
    private final ObjectMapper mapper;

    public JobProgressStore(RedisDataSource redis, NoseIdConfig config, ObjectMapper mapper) {
        this.hashes = redis.hash(String.class);
        this.keys = redis.key();
        this.ttl = config.jobs().redisTtl();
        this.mapper = mapper;
    }

    public void write(JobSnapshot snapshot) {
        String key = JobProgress.redisKey(snapshot.jobId());
        String errorJson = null;
        if (snapshot.errorCode() != null) {
            try {
                errorJson = mapper.writeValueAsString(new JobErrorView(snapshot.errorCode(), snapshot.errorDetail()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        hashes.hset(key, snapshot.toHash(errorJson));
        keys.expire(key, ttl);
    }

    public Optional<JobSnapshot> read(UUID jobId) {
        return JobSnapshot.fromHash(jobId, hashes.hgetall(JobProgress.redisKey(jobId)));
    }

    public void delete(UUID jobId) {
        keys.del(JobProgress.redisKey(jobId));
    }
}
