/**
 * Live figures: the statistics as a server-sent event stream, the executives' dashboard
 * it feeds, and the backlog gauges. Every instance reads the same counter documents, so
 * every subscriber sees every change, whichever instance consumed it.
 */
package ler.reporting.live;
