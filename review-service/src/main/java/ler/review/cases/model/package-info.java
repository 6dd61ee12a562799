/**
 * The rules of review as two pure functions: {@link ler.review.cases.model.CaseDecider}
 * turns a command into events (or a refusal), {@link ler.review.cases.model.CaseEvolver}
 * folds events into a case. Plain Java: no Spring, no store, no broker.
 */
package ler.review.cases.model;
