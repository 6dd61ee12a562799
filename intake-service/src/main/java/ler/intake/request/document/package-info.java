/** Legal-process documents: upload checks, storage in GridFS, download for counsel. */
package ler.intake.request.document;
