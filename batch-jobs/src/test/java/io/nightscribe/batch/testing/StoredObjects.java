package io.nightscribe.batch.testing;

import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.SeekableObject;
import io.nightscribe.asr.storage.StorageUri;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;

/** Reads what a run left in a store, through the store the application itself uses. */
public final class StoredObjects {
  private final ObjectStore store;

  public StoredObjects(ObjectStore store) {
    this.store = store;
  }

  public byte[] bytes(StorageUri uri) {
    try (SeekableObject object = store.open(uri)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      long position = 0;
      int read;
      while ((read = object.read(position, buffer, 0, buffer.length)) > 0) {
        out.write(buffer, 0, read);
        position += read;
      }
      return out.toByteArray();
    }
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

  public boolean exists(StorageUri uri) {
    return store.stat(uri).isPresent();
  }
}
