/**
 * Operations on the projection itself (rebuild from the topics), for operators.
 */
package ler.reporting.statistics.operations;
