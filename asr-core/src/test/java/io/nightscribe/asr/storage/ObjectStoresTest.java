package io.nightscribe.asr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoresTest {
  @TempDir Path root;

  @Test
  void fileUrisWorkWithoutAnyAwsConfigurationAndS3IsRefusedAfterClose() {
    // given
    ObjectStores stores = ObjectStores.standard();
    StorageUri file = StorageUri.ofPath(root.resolve("a.txt"), false);

    // when
    ObjectStore store = stores.forUri(file);
    store.write(file, "hi".getBytes());
    stores.close();

    // then
    assertThat(store).isInstanceOf(FileObjectStore.class);
    assertThat(stores.forUri(file).stat(file)).map(ObjectInfo::sizeBytes).contains(2L);
    assertThatThrownBy(() -> stores.forUri(StorageUri.parse("s3://b/k")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot use object stores: they are closed");
  }
}
