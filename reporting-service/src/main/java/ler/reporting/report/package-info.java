/**
 * The transparency report of a period: JSON and CSV tables, computed from the statistics
 * counters.
 */
package ler.reporting.report;
