/**
 * The published event contract shared by the services: records and their JSON wire form
 * only. No Spring and no domain types: each service maps these records to its own model
 * at its edge.
 */
package ler.events;
