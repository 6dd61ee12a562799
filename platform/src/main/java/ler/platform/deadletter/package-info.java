/** How many events a service's consumers gave up on, as a metric read from the broker. */
package ler.platform.deadletter;
