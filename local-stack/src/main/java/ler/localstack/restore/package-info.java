/**
 * Backing up and restoring the event log, the system of record: {@link TopicCopy} copies
 * topics partition by partition, in offset order, into the same partition numbers, with
 * keys, values, headers and timestamps, between brokers and to or from a backup file, and
 * checks the record count of every partition afterwards (docs/backup-restore.md).
 */
package ler.localstack.restore;
