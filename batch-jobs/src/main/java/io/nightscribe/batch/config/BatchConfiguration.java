package io.nightscribe.batch.config;

import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Isolation;

/**
 * Spring Batch on the ledger's database: the job repository shares the DataSource (H2 or
 * PostgreSQL) whose tables Flyway creates from sql/.
 *
 * <p>Job executions are created READ_COMMITTED, not SERIALIZABLE: a backfill starts several
 * partitions at once, and PostgreSQL may abort concurrent serializable creations of different
 * instances (a serialization failure). Two launches of the same instance still cannot both succeed:
 * the JOB_INST_UN unique key refuses the second.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing
@EnableJdbcJobRepository(isolationLevelForCreate = Isolation.READ_COMMITTED)
public class BatchConfiguration {}
