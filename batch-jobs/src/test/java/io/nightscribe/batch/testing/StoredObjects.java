package io.nightscribe.batch.testing;

import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.StorageUri;
import java.util.Map;
import java.util.TreeMap;

/** Reads what a run left in a store, through the store the application itself uses. */
public final class StoredObjects {
  private final ObjectStore store;

  public StoredObjects(ObjectStore store) {
    this.store = store;
  }

  public byte[] bytes(StorageUri uri) {
    return store.readAllBytes(uri);
  }

  /** Every object under {@code prefix}: its key relative to the prefix, and its bytes. */
  public Map<String, byte[]> under(StorageUri prefix) {
    Map<String, byte[]> objects = new TreeMap<>();
    store
        .list(prefix)
        .map(ObjectInfo::uri)
        .forEach(uri -> objects.put(uri.key().substring(prefix.key().length()), bytes(uri)));
    return objects;
  }

  /**
   * The keys of the finished transcripts under {@code prefix}, without reading them. s3proxy's
   * in-memory store lists a write in progress under a temporary key of its own (the key plus a
   * UUID) that is gone a moment later, so a poll while a run writes counts only transcript keys.
   */
  public long transcriptsUnder(StorageUri prefix) {
    return store.list(prefix).filter(object -> object.uri().key().endsWith(".json")).count();
  }

  public boolean exists(StorageUri uri) {
    return store.stat(uri).isPresent();
  }
}
