/**
 * Files synced from files connectors (Google Drive, Dropbox): the {@link dev.atom.workspace.sync.SyncStore} of
 * {@link dev.atom.connectors.SyncedFile} and the search source of type {@code file}.
 */
package dev.atom.workspace.files;
