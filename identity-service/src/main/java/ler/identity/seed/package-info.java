/** The register's starting content: agencies and accounts from seed files. */
package ler.identity.seed;
