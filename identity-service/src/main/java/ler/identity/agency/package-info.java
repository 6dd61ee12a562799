/** The agency register: the authorities whose officers may hold accounts. */
package ler.identity.agency;
