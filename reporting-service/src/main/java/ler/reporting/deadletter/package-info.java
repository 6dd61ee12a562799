/** Dead-lettered events: listing them with their errors, re-driving them after a fix. */
package ler.reporting.deadletter;
