/** Where the register is kept across restarts: MongoDB through the sync driver. */
package ler.identity.store;
